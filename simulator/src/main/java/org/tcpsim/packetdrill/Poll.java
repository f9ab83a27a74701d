package org.tcpsim.packetdrill;

import java.util.ArrayList;
import java.util.List;
import org.tcpsim.packetdrill.Syscalls.Attempt;
import org.tcpsim.packetdrill.Syscalls.Ret;
import org.tcpsim.tcp.TcpSocket;
import org.tcpsim.tcp.TcpState;

/**
 * poll() on the script's sockets: each pollfd's revents as tcp_poll (net/ipv4/tcp.c) computes the
 * mask, limited to the events asked for plus POLLERR and POLLHUP (do_pollfd); the call returns the
 * number of ready descriptors, blocks while none is ready, and returns 0 at its timeout. The
 * script's revents are checked as packetdrill checks them.
 */
final class Poll {
    private static final long POLLIN = 0x001;
    private static final long POLLOUT = 0x004;
    private static final long POLLERR = 0x008;
    private static final long POLLHUP = 0x010;
    private static final long POLLRDNORM = 0x040;
    private static final long POLLPRI = 0x002;
    private static final long POLLWRNORM = 0x100;
    private static final long POLLRDHUP = 0x2000;

    private Poll() {
    }

    static Attempt start(Calls calls, ScriptRun run, Syscalls syscalls, List<Expr> a) {
        if (a.size() != 3) {
            throw calls.error("poll", "expected 3 args but got " + a.size());
        }
        if (!(a.get(0) instanceof Expr.Array arr)) {
            throw calls.error("poll", "expected an array of struct pollfd");
        }
        List<Expr.Pollfd> fds = new ArrayList<>();
        for (Expr e : arr.items()) {
            if (!(e instanceof Expr.Pollfd p)) {
                throw calls.error("poll", "expected a struct pollfd {fd=..., events=..., revents=...}");
            }
            fds.add(p);
        }
        if (calls.num("poll", a.get(1)) != fds.size()) {
            throw calls.error("poll", "nfds does not match the pollfd array's length");
        }
        long timeoutMs = calls.num("poll", a.get(2));
        long[] deadline = {Long.MIN_VALUE};
        return () -> {
            long now = run.nowNs();
            if (deadline[0] == Long.MIN_VALUE) {
                deadline[0] = timeoutMs < 0 ? Long.MAX_VALUE : now + timeoutMs * 1_000_000L;
                if (timeoutMs > 0) {
                    run.host.sim.schedule(deadline[0], t -> syscalls.wake()); // the poll's own timeout
                }
            }
            long[] revents = new long[fds.size()];
            int ready = 0;
            for (int i = 0; i < fds.size(); i++) {
                Expr.Pollfd p = fds.get(i);
                Sock s = calls.sock("poll", calls.num("poll", p.fd()));
                revents[i] = mask(s) & (calls.num("poll", p.events()) | POLLERR | POLLHUP);
                if (revents[i] != 0) {
                    ready++;
                }
            }
            if (ready == 0 && now < deadline[0]) {
                return null;
            }
            for (int i = 0; i < fds.size(); i++) {
                long want = calls.num("poll", fds.get(i).revents());
                if (want != revents[i]) {
                    throw calls.error("poll", "Expected revents of 0x" + Long.toHexString(want) + " but got 0x"
                            + Long.toHexString(revents[i]) + " for pollfd " + i);
                }
            }
            return Ret.ok(ready);
        };
    }

    /** tcp_poll's mask (a listener: inet_csk_listen_poll; a socket not yet connected is CLOSE). */
    private static long mask(Sock s) {
        if (s.listener != null) {
            return s.listener.acceptQueueLength() > 0 ? POLLIN | POLLRDNORM : 0;
        }
        TcpSocket t = s.live;
        if (t == null) {
            return POLLOUT | POLLWRNORM | POLLHUP; // TCP_CLOSE: hung up, and an empty send buffer is writable
        }
        long mask = 0;
        TcpState st = t.state();
        boolean rcvShutdown = t.finReceived() || s.readShutdown || st == TcpState.CLOSED;
        boolean sendShutdown = t.writeShutdown() || st == TcpState.CLOSED;
        if ((rcvShutdown && sendShutdown) || st == TcpState.CLOSED) {
            mask |= POLLHUP;
        }
        if (rcvShutdown) {
            mask |= POLLIN | POLLRDNORM | POLLRDHUP;
        }
        if (st != TcpState.SYN_SENT && st != TcpState.SYN_RECV) {
            // tcp_stream_is_readable with target 1, or 2 when the next byte is urgent (not inline)
            if (t.available() > (t.atUrgentMark() ? 1 : 0)) {
                mask |= POLLIN | POLLRDNORM;
            }
            if (t.urgentValid()) {
                mask |= POLLPRI; // urg_data & TCP_URG_VALID
            }
            if (sendShutdown || t.pollWritable()) {
                mask |= POLLOUT | POLLWRNORM;
            }
        }
        if (s.pendingError != null) {
            mask |= POLLERR;
        }
        return mask;
    }
}
