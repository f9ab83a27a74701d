package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Urgent data on the receive side (tcp_check_urg, tcp_urg, tcp_recvmsg_locked, tcp_read_sock,
 * tcp_inq), through one stack and {@link TcpHostTest.ListHost}. The peer's data starts at 1001.
 */
class UrgentDataTest {
    private TcpHostTest.ListHost host;
    private TcpStack stack;
    private long now = 1_000_000;

    private TcpSocket established() {
        host = new TcpHostTest.ListHost();
        stack = new TcpStack(host);
        TcpListener l = stack.listen(8080, 4, SocketOptions.DEFAULTS, (x, t) -> { });
        TcpSegment syn = TcpHostTest.inbound(TcpSegment.SYN, 1000, 0, 65535);
        syn.mssOption = 1460;
        stack.deliver(syn, 0);
        stack.deliver(TcpHostTest.inbound(TcpSegment.ACK, 1001, host.sent.get(0).seq + 1, 65535), now);
        return l.accept(null);
    }

    private void data(TcpSocket s, int seq, int len, int urgPtr) {
        TcpSegment d = TcpHostTest.inbound(TcpSegment.ACK | (urgPtr > 0 ? TcpSegment.URG : 0), seq,
                host.sent.get(0).seq + 1, 65535);
        d.dataLength = len;
        d.urgPtr = urgPtr;
        now += 1_000_000;
        stack.deliver(d, now);
    }

    @Test
    void the_byte_before_seq_plus_urg_ptr_is_taken_out_of_the_stream() {
        TcpSocket s = established();
        data(s, 1001, 100, 100); // urgent byte: 1001 + 100 - 1 = 1100, the segment's last
        assertEquals(99, s.inq(), "tcp_inq stops at the urgent byte");
        assertTrue(s.urgentValid());
        assertEquals(99, s.read(1000, now));
        assertTrue(s.atUrgentMark());
        assertEquals(0, s.inq());
        assertEquals(1, s.available(), "rcv_nxt - copied_seq still counts it");
        int[] n = new int[1];
        assertNull(s.recvUrgent(true, 1, n));
        assertEquals(1, n[0]);
        assertNull(s.recvUrgent(false, 1, n), "peek left it to read");
        assertEquals("EINVAL", s.recvUrgent(false, 1, n), "TCP_URG_READ: read once");
        assertEquals(0, s.read(1000, now), "at the mark a read steps over the byte and finds nothing more");
        assertFalse(s.atUrgentMark());
        assertEquals(0, s.available());
        data(s, 1101, 50, 0);
        assertEquals(50, s.read(1000, now), "urgent data done with: an ordinary read");
    }

    @Test
    void splice_reads_stop_at_the_mark_without_stepping_over_it() {
        TcpSocket s = established();
        data(s, 1001, 200, 150);
        assertEquals(149, s.read(1000, now, false));
        assertEquals(0, s.read(1000, now, false), "tcp_read_sock: len 0 at the mark, break");
        assertEquals(10, s.peekable(10), "MSG_PEEK at the mark steps over it too");
        assertEquals(50, s.read(1000, now), "recvmsg steps over it");
    }

    @Test
    void a_pointer_into_a_later_segment_waits_for_its_byte() {
        TcpSocket s = established();
        data(s, 1001, 100, 300); // urgent byte 1300: not in this segment (TCP_URG_NOTYET)
        assertFalse(s.urgentValid());
        int[] n = new int[1];
        assertEquals("EAGAIN", s.recvUrgent(false, 1, n), "tcp_recv_urg never blocks");
        assertEquals(100, s.inq(), "the urgent byte is not in the queue yet");
        assertEquals(100, s.read(1000, now));
        data(s, 1101, 250, 0);
        assertTrue(s.urgentValid(), "tcp_urg: the byte arrived in this segment");
        assertEquals(199, s.read(1000, now), "stops before 1300");
    }

    @Test
    void an_old_or_repeated_pointer_changes_nothing() {
        TcpSocket s = established();
        data(s, 1001, 100, 50); // urgent byte 1050
        assertEquals(49, s.read(1000, now));
        // a retransmission of the same segment: tcp_check_urg ignores a pointer below rcv_nxt
        data(s, 1001, 100, 50);
        assertTrue(s.atUrgentMark());
        assertEquals(0, s.inq());
    }
}
