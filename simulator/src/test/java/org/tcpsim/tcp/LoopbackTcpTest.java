package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpsim.kernel.MibCounter;
import org.tcpsim.net.Loopback;

/**
 * A TCP connection from a host to itself crosses lo as on Linux 6.18 (fuzz finding F10: it cost no
 * time and never ended). What `ss -ti` showed for iperf3 over lo in a namespace on this project's
 * machine: advmss 65483, pmtu 65535, mss 32768 while the peer's largest window was 64 KiB and 65483
 * once it was larger: tcp_bound_to_half_wnd at work. The goodput is lo's: one CPU's worth of its cost.
 */
class LoopbackTcpTest {
    static final long MS = 1_000_000;

    @Test
    void aBulkTransferToItselfAdvancesTimeAndArrivesWhole() {
        TcpTestbed tb = TcpTestbed.simple(5 * MS);
        List<TcpSegment> sent = new ArrayList<>();
        tb.client.setCapture(p -> sent.add((TcpSegment) p));
        TcpTransferTest.Sink sink = new TcpTransferTest.Sink();
        tb.client.listen(5001, 128, SocketOptions.DEFAULTS, (l, now) -> l.accept(sink));
        TcpTransferTest.Source src = new TcpTransferTest.Source(100_000_000);
        TcpSocket c = tb.client.connect(TcpTestbed.CLIENT, 5001, SocketOptions.DEFAULTS, src);
        tb.sim.run(10_000 * MS);

        assertEquals(100_000_000, sink.received, tb.trace.toString());
        long took = c.endedAtNs() >= 0 ? c.endedAtNs() - c.establishedAtNs() : -1;
        assertTrue(took > 0, "the transfer took simulated time");
        // every segment crosses lo once, at a cost; 100 MB need at least 100 MB / 65483 of them
        long minimum = 100_000_000L / 65483 * Loopback.costNs(65535);
        assertTrue(took >= minimum, "cannot beat lo's cost: " + took + " ns < " + minimum);
        assertTrue(took < 2_000 * MS, "tens of Gbit/s, not a crawl of delayed ACKs: " + took / 1e6 + " ms");

        TcpSegment syn = sent.get(0);
        assertEquals(65495, syn.mssOption, "ipv4_default_advmss over lo: min(65536, IPV4_MAX_PMTU 65535) - 40");
        TcpSegment synAck = sent.get(1);
        assertEquals(65495, synAck.mssOption);
        List<Integer> data = sent.stream().filter(s -> s.dataLength > 0).map(s -> s.dataLength).toList();
        int firstWindow = synAck.window; // a SYN-ACK's window is never scaled
        assertEquals(firstWindow / 2, (int) data.get(0), "half the peer's largest window (65483 > its share)");
        // then, as autotuning (tcp_rcv_space_adjust paced by the receiver's own RTT estimate,
        // tcp_rcv_rtt_measure_ts) grows the window past 128 KiB, whole 65483-byte segments as ss showed
        assertEquals(65483, (int) data.stream().max(Integer::compare).orElseThrow());
        // before the window grows past 128 KiB no segment is more than half the largest window
        // offered, 64 KiB (mss 32768 as ss showed); the first write's skbs were cut at the first
        // half-window, 32741 (tcp_xmit_size_goal), and a segment never spans two skbs
        int firstFull = data.indexOf(65483);
        assertTrue(firstFull > 0 && data.subList(0, firstFull).stream().allMatch(len -> len <= 32768),
                "at most half of 64 KiB before the window grew");
        // captured once each: at transmit (tcpdump -i lo shows a packet once)
        assertEquals(tb.client.counter(MibCounter.TCP_OUT_SEGS) + tb.client.counter(MibCounter.TCP_RETRANS_SEGS),
                sent.size());
    }
}
