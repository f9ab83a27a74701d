package org.tcpsim.packetdrill;

import java.util.ArrayList;
import java.util.List;

/**
 * The control messages and msg_flags recvmsg() hands back, checked against the script's msghdr as
 * packetdrill checks them. The one control message TCP sends here is TCP_CM_INQ, when TCP_INQ is on
 * (tcp_recvmsg: put_cmsg(SOL_TCP, TCP_CM_INQ, tcp_inq_hint)); with no room for it the kernel sets
 * MSG_CTRUNC instead (put_cmsg).
 */
final class RecvmsgControl {
    private static final long SOL_TCP = 6;
    private static final long TCP_CM_INQ = 36;
    private static final long MSG_CTRUNC = 0x8;

    private RecvmsgControl() {
    }

    static void check(Calls calls, Sock s, Expr.Msghdr m) {
        List<Expr> asked = m.control() == null ? List.of() : m.control();
        for (Expr e : asked) {
            if (!(e instanceof Expr.Cmsg c)) {
                throw calls.unsupported("recvmsg() with msg_control other than {cmsg_level=..., cmsg_type=..., "
                        + "cmsg_data=...}");
            }
            long level = calls.num("recvmsg", c.level());
            long type = calls.num("recvmsg", c.type());
            if (level != SOL_TCP || type != TCP_CM_INQ) {
                throw calls.unsupported("recvmsg() control message level " + level + " type " + type
                        + " (only SOL_TCP TCP_CM_INQ is modelled)");
            }
        }
        List<long[]> actual = new ArrayList<>();
        boolean inq = s.live != null && s.live.recvmsgInq();
        List<Expr> want = m.control() == null ? List.of() : m.control();
        long flags = 0;
        if (inq && want.isEmpty()) {
            flags |= MSG_CTRUNC;
        } else if (inq) {
            actual.add(new long[] {SOL_TCP, TCP_CM_INQ, s.live.inqHint()});
        }
        if (m.flags() instanceof Expr.Num || m.flags() instanceof Expr.Word || m.flags() instanceof Expr.Or) {
            long expected = calls.num("recvmsg", m.flags());
            if (expected != flags) {
                throw calls.error("recvmsg", String.format("Expected msg_flags 0x%08x but got 0x%08x", expected, flags));
            }
        }
        if (want.size() != actual.size()) {
            throw calls.error("recvmsg", "Expected " + want.size() + " control messages but got " + actual.size());
        }
        for (int i = 0; i < want.size(); i++) {
            Expr.Cmsg c = (Expr.Cmsg) want.get(i);
            long level = calls.num("recvmsg", c.level());
            long type = calls.num("recvmsg", c.type());
            long[] a = actual.get(i);
            long data = calls.num("recvmsg", c.data());
            if (a[0] != level || a[1] != type || (int) a[2] != (int) data) {
                throw calls.error("recvmsg", "Bad cmsg " + i + ": expected level " + level + " type " + type + " data "
                        + data + " but got level " + a[0] + " type " + a[1] + " data " + a[2]);
            }
        }
    }
}
