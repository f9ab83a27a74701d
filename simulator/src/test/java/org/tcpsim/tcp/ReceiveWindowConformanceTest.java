package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpsim.tcp.TcpTimeline.MS;
import static org.tcpsim.tcp.TcpTimeline.S;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.net.LinkDirection;
import org.tcpsim.net.loss.LossModelSpec;

/**
 * What a receiver offers and when it acknowledges (reference sections 7.3, 7.4, 13.5): the SYN's
 * window and window scale from tcp_select_initial_window, and the once-per-two-segments ACK of a
 * bulk receiver whose application keeps up.
 */
class ReceiveWindowConformanceTest {

    /**
     * [6.18] tcp_output.c: tcp_connect_init / tcp_minisocks.c: tcp_openreq_init_rwin, then
     * tcp_select_initial_window. space = tcp_full_space = tcp_win_from_space(sk_rcvbuf) (x 128/256,
     * scaling_ratio not measured yet); with SO_RCVBUF set (SOCK_RCVBUF_LOCK) window_clamp =
     * tcp_full_space. The space is first rounded down to a multiple of the MSS, then capped at
     * 65535: the SYN rounds to advmss (1460: no timestamp is known when connect() sends it), the
     * SYN-ACK to the MSS less the 12 timestamp bytes (1448). Window scale =
     * ilog2(min(max(space, tcp_rmem[2], rmem_max), window_clamp)) - 15, clamped to 0..14.
     * Default buffers (tcp_rmem[1] 131072, tcp_rmem[2] 32 MiB on a 16 GiB host): SYN 64240
     * (44 x 1460), SYN-ACK 65160 (45 x 1448), wscale 10. SO_RCVBUF 64 KiB: sk_rcvbuf 131072, clamp
     * 65536, wscale 1. SO_RCVBUF 4 MiB: 65535 both (rounded first, then capped), wscale 7.
     * Measured on Linux 6.18.44: the bulk rig's SYN 64240 / SYN-ACK 65160; a packetdrill script
     * (our own, run with /work/tools/pd-linux) sees 64240 and, with SO_RCVBUF 4 MiB, 65535 for
     * both.
     */
    @ParameterizedTest(name = "SO_RCVBUF {0}")
    @CsvSource({"-1, 64240, 65160, 10", "65536, 64240, 65160, 1", "4194304, 65535, 65535, 7"})
    void syn_and_synack_offer_the_window_and_scale_of_tcp_select_initial_window(int soRcvbuf, int synWindow,
                                                                                int synAckWindow, int wscale) {
        LinkDirection d = new LinkDirection(100_000_000, 5 * MS, 1000, true, 1500, LossModelSpec.NONE, 0, 0, 0);
        TcpTestbed tb = new TcpTestbed(1, d, d, KernelVersion.V6_18);
        TcpTimeline tl = new TcpTimeline(tb, true);
        SocketOptions o = new SocketOptions(soRcvbuf, -1, false, false, null, false);
        tb.server.listen(80, 128, o, (l, now) -> l.accept(null));
        tb.client.connect(TcpTestbed.SERVER, 80, o, null);
        tb.sim.run(S);
        TcpSegment syn = tl.segments("client", true, TcpTimeline::pureSyn).get(0).seg();
        TcpSegment synAck = tl.segments("server", true, TcpTimeline::synAck).get(0).seg();
        assertEquals(synWindow, syn.window, "initial window of " + syn);
        assertEquals(synAckWindow, synAck.window, "initial window of " + synAck);
        for (TcpSegment s : List.of(syn, synAck)) {
            assertEquals(wscale, s.windowScaleOption, "window scale offered in " + s);
        }
    }

    /**
     * [6.18] tcp_input.c: __tcp_ack_snd_check sends an ACK at once when more than one full
     * segment (rcv_mss) is unacknowledged and __tcp_select_window() >= rcv_wnd (true in bulk flow:
     * the offered window is capped at rcv_ssthresh); if the window test fails, tcp.c:
     * tcp_cleanup_rbuf sends it when the application reads ("Once-per-two-segments ACK was not
     * sent by tcp_input.c": rcv_nxt - rcv_wup > rcv_mss). So a receiver whose application reads
     * everything ACKs at least every second full segment: about one ACK per two data segments,
     * and the sender's RTT samples stay at the path RTT (no 40 ms delayed-ACK waits). Both with
     * receive autotuning (SO_RCVBUF unset) and with a large locked buffer (SO_RCVBUF 4 MiB), and
     * also after a pause whose last ACK was a delayed one, sent when nothing was left unread (so
     * the window then advertised is the whole free buffer: a segment arriving later, not yet read,
     * leaves less free space than that; Linux still ACKs it, from the rcv_ssthresh-capped window
     * test or from tcp_cleanup_rbuf when the application reads).
     */
    @ParameterizedTest(name = "SO_RCVBUF {0}")
    @ValueSource(ints = {-1, 4 << 20})
    void bulk_receiver_acks_every_second_full_segment(int soRcvbuf) {
        LinkDirection d = new LinkDirection(1_000_000_000L, 25 * MS, 10_000, true, 1500, LossModelSpec.NONE, 0, 0, 0);
        TcpTestbed tb = new TcpTestbed(1, d, d, KernelVersion.V6_18);
        long[] counts = new long[2];
        tb.server.setCapture(p -> {
            long t = tb.sim.now();
            if (t >= 2 * S && t < 4 * S) {
                TcpSegment s = (TcpSegment) p;
                if (p.src == TcpTestbed.SERVER) {
                    counts[1]++; // ACKs the receiver sent
                } else if (s.dataLength > 0) {
                    counts[0]++; // data segments it received
                }
            }
        });
        GoodputModelTest.Drain sink = new GoodputModelTest.Drain();
        tb.server.listen(5001, 128, new SocketOptions(soRcvbuf, -1, false, false, null, false),
                (l, now) -> l.accept(sink));
        // SO_SNDBUF 1 MiB (2 MiB in the kernel) keeps the flight below the 6.25 MB path BDP: no queue builds
        // up, so the RTT the sender measures is the path's 50 ms plus whatever the receiver adds
        SocketOptions snd = new SocketOptions(-1, 1 << 20, false, false, null, false);
        // The application first sends 100 KB and pauses for a second (the receiver's last ACK of that
        // burst is a delayed one, sent with nothing left unread), then stays backlogged.
        SocketCallbacks app = new SocketCallbacks() {
            @Override
            public void connected(TcpSocket s, long now) {
                s.write(100_000, now);
                tb.sim.schedule(now + S, (org.tcpsim.engine.Event) t -> new GoodputModelTest.Backlogged().writable(s, t));
            }

            @Override
            public void writable(TcpSocket s, long now) {
                if (now > S) {
                    new GoodputModelTest.Backlogged().writable(s, now);
                }
            }
        };
        TcpSocket c = tb.client.connect(TcpTestbed.SERVER, 5001, snd, app);
        tb.sim.run(4 * S);
        System.out.printf("ACKS SO_RCVBUF=%d data=%d acks=%d srtt=%.1fms%n", soRcvbuf, counts[0], counts[1],
                c.srttUs() / 1000.0);
        assertTrue(counts[0] > 1000, "bulk data flowed: " + counts[0]);
        assertTrue(counts[1] * 2 >= counts[0] * 9 / 10,
                "about one ACK per two full segments: " + counts[1] + " ACKs for " + counts[0] + " segments");
        assertTrue(c.srttUs() < 60_000, "srtt near the 50 ms path RTT, not inflated by delayed ACKs: " + c.srttUs());
    }
}
