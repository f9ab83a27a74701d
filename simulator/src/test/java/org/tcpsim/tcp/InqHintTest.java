package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * TCP_INQ (tp->recvmsg_inq, 0 or 1) and tcp_inq_hint: rcv_nxt - copied_seq, so out-of-order data does
 * not count and a received FIN adds one, telling the reader to go on to the end of stream.
 */
class InqHintTest {
    private static final int LOCAL = 0xc0a80001;
    private static final int PEER = 0xc0000201;

    private static TcpSegment fromPeer(int flags, int seq, int ack, int len) {
        TcpSegment s = TcpHostTest.inbound(flags, seq, ack, 514);
        s.dataLength = len;
        return s.sealLength();
    }

    @Test
    void hint_counts_in_order_bytes_not_yet_read_and_the_fin() {
        TcpHostTest.ListHost host = new TcpHostTest.ListHost();
        TcpStack stack = new TcpStack(host);
        TcpListener l = stack.listen(8080, 4, SocketOptions.DEFAULTS, (x, now) -> { });
        TcpSegment syn = fromPeer(TcpSegment.SYN, 1000, 0, 0);
        syn.mssOption = 1460;
        stack.deliver(syn, 0);
        int iss = host.sent.get(0).seq;
        stack.deliver(fromPeer(TcpSegment.ACK, 1001, iss + 1, 0), 1_000_000);
        TcpSocket s = l.accept(null);
        assertFalse(s.recvmsgInq());
        assertEquals("EINVAL", SocketOptionCalls.set(s, "TCP_INQ", 2, 1_000_000));
        assertEquals(null, SocketOptionCalls.set(s, "TCP_INQ", 1, 1_000_000));
        assertTrue(s.recvmsgInq());
        assertEquals(1, SocketOptionCalls.get(s, "TCP_INQ"));
        stack.deliver(fromPeer(TcpSegment.ACK, 1001, iss + 1, 3000), 2_000_000);
        stack.deliver(fromPeer(TcpSegment.ACK, 5001, iss + 1, 1000), 3_000_000); // a hole at 4001
        assertEquals(3000, s.inqHint(), "out-of-order bytes are past rcv_nxt");
        s.read(1000, 4_000_000);
        assertEquals(2000, s.inqHint());
        s.read(2000, 4_000_000);
        assertEquals(0, s.inqHint());
        stack.deliver(fromPeer(TcpSegment.ACK, 4001, iss + 1, 1000), 5_000_000);
        assertEquals(2000, s.inqHint(), "the hole filled: 4001 to 6001 in order");
        stack.deliver(fromPeer(TcpSegment.ACK | TcpSegment.FIN, 6001, iss + 1, 0), 5_000_000);
        assertEquals(2000 + 1, s.inqHint(), "the hole filled, and the FIN's sequence number");
        s.read(2000, 6_000_000);
        assertEquals(1, s.inqHint(), "nothing left but the end of stream");
    }
}
