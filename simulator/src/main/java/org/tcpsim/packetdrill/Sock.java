package org.tcpsim.packetdrill;

import java.util.HashMap;
import java.util.Map;
import org.tcpsim.tcp.TcpListener;
import org.tcpsim.tcp.TcpSocket;

/**
 * One socket as packetdrill tracks it (its struct socket): the script's file descriptor, what the
 * script has done with it, the live kernel socket behind it, and the mapping between the script's
 * view of the connection (ports implicit, sequence numbers from the script's ISNs) and the live one.
 */
final class Sock {
    /** packetdrill's socket_state. */
    enum State {
        NEW, PASSIVE_LISTENING, PASSIVE_PACKET_RECEIVED, PASSIVE_SYNACK_SENT, PASSIVE_SYNACK_ACKED,
        ACTIVE_CONNECTING, ACTIVE_SYN_SENT, ACTIVE_SYN_ACKED
    }

    State state = State.NEW;
    /** The script's fd, or -1 (a child not yet accepted). */
    int scriptFd = -1;
    boolean closed;
    /** O_NONBLOCK. */
    boolean nonBlocking;
    /** bind() was called (to packetdrill's --bind_port, 8080). */
    boolean bound;
    /** Options set before listen() or connect(), applied when the kernel socket is made. */
    final SockOpts opts = new SockOpts();

    TcpSocket live;
    TcpListener listener;
    /** shutdown(SHUT_RD): reads return 0. */
    boolean readShutdown;
    /** The error the application has not yet read with SO_ERROR (sk_err). */
    String pendingError;

    // the 4-tuple and ISNs, live and as the script writes them (packetdrill's socket->live / ->script)
    int liveLocalPort;
    int liveRemotePort;
    long liveLocalIsn;
    long liveRemoteIsn;
    long scriptLocalIsn;

    /** Outbound TS val script -> live, the first pair seen (for mapping TS ecr of inbound packets). */
    final Map<Long, Long> tsValMap = new HashMap<>();
    boolean foundFirstTs;
    long firstScriptTsVal;
    long firstActualTsVal;

    boolean isListening() {
        return state == State.PASSIVE_LISTENING;
    }

    // packetdrill's socket.h offsets
    long remoteSeqScriptToLive(boolean syn) {
        return syn ? 0 : liveRemoteIsn;
    }

    long localSeqScriptToLive(boolean syn) {
        return syn ? liveLocalIsn - scriptLocalIsn : liveLocalIsn;
    }
}
