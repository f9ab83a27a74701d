package org.tcpsim.packetdrill;

import java.util.List;
import org.tcpsim.packetdrill.Syscalls.Attempt;
import org.tcpsim.packetdrill.Syscalls.Ret;

/** fcntl() (O_NONBLOCK) and ioctl() (SIOCINQ, SIOCATMARK) on a script's socket. */
final class ControlCalls {
    private final Calls calls;

    ControlCalls(Calls calls) {
        this.calls = calls;
    }

    Attempt fcntl(List<Expr> a) {
        if (a.size() < 2) {
            throw calls.error("fcntl", "expected at least 2 args");
        }
        Sock s = calls.sock("fcntl", calls.num("fcntl", a.get(0)));
        long cmd = calls.num("fcntl", a.get(1));
        if (cmd == 3) { // F_GETFL
            return () -> Ret.ok(2 | (s.nonBlocking ? 04000 : 0));
        }
        if (cmd == 4 && a.size() == 3) { // F_SETFL
            long flags = calls.num("fcntl", a.get(2));
            return () -> {
                s.nonBlocking = (flags & 04000) != 0;
                return Ret.ok(0);
            };
        }
        throw calls.unsupported("fcntl() command " + cmd);
    }

    private static final long SIOCINQ = 0x541B;
    private static final long SIOCATMARK = 0x8905;

    Attempt ioctl(List<Expr> a) {
        if (a.size() != 3) {
            throw calls.error("ioctl", "expected 3 args but got " + a.size());
        }
        Sock s = calls.sock("ioctl", calls.num("ioctl", a.get(0)));
        long req = calls.num("ioctl", a.get(1));
        if (req != SIOCINQ && req != SIOCATMARK) {
            throw calls.unsupported("ioctl() request 0x" + Long.toHexString(req));
        }
        Expr out = a.get(2);
        return () -> {
            if (s.listener != null) {
                return Ret.err("EINVAL");
            }
            // tcp_ioctl: SIOCINQ is tcp_inq (up to a pending urgent byte), SIOCATMARK urg_data && urg_seq == copied_seq
            long inq = s.live == null ? 0 : req == SIOCATMARK ? (s.live.atUrgentMark() ? 1 : 0) : s.live.inq();
            if (out instanceof Expr.Array arr && arr.items().size() == 1 && !(arr.items().get(0) instanceof Expr.Ellipsis)) {
                long want = calls.num("ioctl", arr.items().get(0));
                if (want != inq) {
                    throw calls.error("ioctl", "Bad ioctl optval: expected: " + want + " actual: " + inq);
                }
            }
            return Ret.ok(0);
        };
    }
}
