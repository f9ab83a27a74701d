package org.tcpsim.tcp;

/** TCP states with the names Linux prints (ss, /proc/net/tcp): include/net/tcp_states.h. */
public enum TcpState {
    CLOSED, LISTEN, SYN_SENT, SYN_RECV, ESTABLISHED, FIN_WAIT1, FIN_WAIT2, CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT;

    /** States after the handshake in which sequence numbers are synchronised (RFC 9293). */
    public boolean synchronizedState() {
        return ordinal() >= SYN_RECV.ordinal();
    }

    /** CurrEstab counts these (tcp_set_state). */
    public boolean countsAsEstablished() {
        return this == ESTABLISHED || this == CLOSE_WAIT;
    }
}
