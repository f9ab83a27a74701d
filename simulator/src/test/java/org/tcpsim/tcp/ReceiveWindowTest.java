package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpsim.tcp.ScriptedPeer.MS;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.MibCounter;

/**
 * The window a receiver offers, segment by segment, as Linux 6.x computes it: scaling_ratio from
 * the first full segment's len / truesize (tcp_measure_rcv_mss) with window_clamp following it,
 * rcv_ssthresh growing by two segments per full segment up to the free space (tcp_grow_window),
 * __tcp_select_window's zero window and tcp_select_window's refusal to shrink, and the sequence
 * arithmetic of tcp_sequence across 2^31. The stack connects (MSS 1460, no timestamps: its
 * receive skbs are 1514-byte frames of truesize 2304) and the test plays the sending peer.
 */
class ReceiveWindowTest {
    private static final int MSS = 1460;
    private static final long RTT = 100 * MS;
    /** SO_RCVBUF 64 KiB: sk_rcvbuf 131072, locked; window scale 1. */
    private static final SocketOptions RCVBUF_64K = new SocketOptions(64 << 10, -1, false, false, null, false);

    /** A reader that takes everything at once, as the rig's sink does. */
    private static final SocketCallbacks READER = new SocketCallbacks() {
        @Override
        public void readable(TcpSocket s, long now) {
            while (s.read(1 << 20, now) > 0) {
                // discard
            }
        }
    };

    /** Windows (bytes, after scaling) of the pure ACKs the stack sent since the last call. */
    private static List<Integer> ackWindows(ScriptedPeer p) {
        List<Integer> w = new ArrayList<>();
        for (TcpSegment s : p.sent()) {
            if (s.dataLength == 0 && !s.has(TcpSegment.SYN)) {
                w.add(s.window << p.sock.rcv.wscale);
            }
        }
        return w;
    }

    /**
     * <pre>
     *   connect()        > S win 64240             rounddown(65536, advmss 1460): tcp_connect_init
     *   ESTABLISHED        window_clamp 64076       65536 less one segment (tcp_init_buffer_space)
     *                      rcv_ssthresh 64076
     *   < 1:1461(1460)     scaling_ratio 162        1460 * 256 / 2304
     *                      window_clamp 82944       131072 * 162 / 256
     *   > ack win 66996    rcv_ssthresh + 2 * 1460  (tcp_grow_window; quick ACK)
     *   ... each full segment 2920 more, until (131072 - 2304) * 162 / 256 = 81486 (one skb queued)
     * </pre>
     */
    @Test
    void window_grows_from_rcv_ssthresh_to_the_measured_share_of_the_buffer() {
        ScriptedPeer p = new ScriptedPeer(KernelVersion.V6_18, "net.ipv4.tcp_timestamps", "0");
        TcpSocket s = p.connect(RCVBUF_64K, MSS, RTT, READER);
        assertEquals(64240, p.out.get(0).window, "the SYN's window");
        assertEquals(1, s.rcv.wscale);
        assertEquals(64076, s.rcv.windowClamp, "tcp_init_buffer_space reserves one segment");
        assertEquals(64076, s.rcv.rcvSsthresh);
        p.sent();
        List<Integer> expected = new ArrayList<>();
        int ssthresh = 64076;
        for (int k = 0; k < 10; k++) {
            p.data(1 + k * MSS, MSS);
            ssthresh = Math.min(ssthresh + 2 * MSS, (131072 - 2304) * 162 >> 8);
            expected.add(ssthresh);
        }
        assertEquals(162, s.rcv.scalingRatio, "len / truesize of the first full segment");
        assertEquals(82944, s.rcv.windowClamp, "window_clamp follows the ratio (6.10+)");
        assertEquals(expected, ackWindows(p), "one quick ACK per segment, the window two segments larger each time");
        assertEquals(81486, s.rcv.rcvSsthresh);
    }

    /** 4.9 has no measured ratio: tcp_adv_win_scale = 1 keeps the window at half the buffer. */
    @Test
    void kernel_4_9_keeps_half_the_buffer() {
        ScriptedPeer p = new ScriptedPeer(KernelVersion.V4_9, "net.ipv4.tcp_timestamps", "0");
        TcpSocket s = p.connect(RCVBUF_64K, MSS, RTT, READER);
        for (int k = 0; k < 12; k++) {
            p.data(1 + k * MSS, MSS);
        }
        assertEquals(TcpReceiver.DEFAULT_SCALING_RATIO, s.rcv.scalingRatio);
        assertEquals(64076, s.rcv.windowClamp, "window_clamp stays at half the buffer, less a segment");
        List<Integer> w = ackWindows(p);
        assertEquals(64076, w.get(w.size() - 1), "the window stops at window_clamp");
    }

    /**
     * An application that does not read: the offered right edge never moves back (tcp_select_window
     * with tcp_shrink_window = 0), and once the free space is under a sixteenth of the buffer's
     * window (81920 / 16 = 5120) __tcp_select_window wants zero: the window shrinks to less than a
     * segment as the data fills it, and the delayed ACK that then goes counts TCPWantZeroWindowAdv
     * (its window is what is left of the old offer).
     */
    @Test
    void a_receiver_that_does_not_read_closes_the_window_without_shrinking_it() {
        ScriptedPeer p = new ScriptedPeer(KernelVersion.V6_18, "net.ipv4.tcp_timestamps", "0");
        TcpSocket s = p.connect(RCVBUF_64K, MSS, RTT, new SocketCallbacks() {
        });
        int sent = 0;
        int lastEdge = 0;
        int acks = 0;
        while (true) {
            int rightEdge = s.rcv.windowEnd() - s.rcv.queue.rcvNxt();
            if (rightEdge < MSS) {
                break;
            }
            p.data(1 + sent, MSS);
            sent += MSS;
            for (TcpSegment a : p.sent()) {
                acks++;
                int edge = sent + (a.window << s.rcv.wscale);
                assertTrue(edge >= lastEdge, "the right edge never moves back: " + edge + " < " + lastEdge);
                lastEdge = edge;
            }
            assertTrue(sent < 200_000, "the window never closed");
        }
        assertTrue(acks > 10);
        assertEquals(0, s.stack.counter(MibCounter.TCP_WANT_ZERO_WINDOW_ADV));
        p.at(p.sim.now() + 500 * MS); // the delayed ACK of the last segments
        List<TcpSegment> last = p.sent();
        assertEquals(1, last.size());
        int edge = sent + (last.get(0).window << s.rcv.wscale);
        assertTrue(edge >= lastEdge, "the right edge never moves back");
        assertTrue((last.get(0).window << s.rcv.wscale) < MSS, "no room for another segment");
        assertEquals(1, s.stack.counter(MibCounter.TCP_WANT_ZERO_WINDOW_ADV), "a zero window was wanted, the old edge kept");
        long rmem = s.rcv.rmemAlloc();
        assertEquals((long) sent / MSS * 2304, rmem, "every queued segment charges its truesize");
    }

    /**
     * tcp_sequence in sequence arithmetic: with rcv_nxt just below 2^31 and a window reaching
     * past it, a segment beyond 2^31 is in the window and goes to the out-of-order queue (and is
     * SACKed); the model used to compare the right edge with Math.max and refused it.
     */
    @Test
    void out_of_order_data_past_2_pow_31_is_accepted_and_sacked() {
        ScriptedPeer p = new ScriptedPeer(KernelVersion.V6_18, "net.ipv4.tcp_timestamps", "0");
        p.peerIsn = Integer.MAX_VALUE - 20 * MSS;
        TcpSocket s = p.connect(RCVBUF_64K, MSS, RTT, READER);
        for (int k = 0; k < 19; k++) {
            p.data(1 + k * MSS, MSS); // up to 1 MSS below 2^31
        }
        p.sent();
        p.data(1 + 20 * MSS, MSS); // one segment missing: this one starts past 2^31
        List<TcpSegment> acks = p.sent();
        assertEquals(1, acks.size());
        TcpSegment dupack = acks.get(0);
        assertEquals(p.peerIsn + 1 + 19 * MSS, dupack.ack);
        assertTrue(dupack.sackBlocks != null && dupack.sackBlocks[0] == p.peerIsn + 1 + 20 * MSS,
                "the out-of-order segment is SACKed");
        assertTrue(s.rcv.queue.hasOutOfOrder());
    }
}
