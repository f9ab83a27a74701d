package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.Sysctls;

/**
 * tcp_chrono: one chronograph at a time, the most interesting winning (tcp_chrono_start), stopped
 * to busy or to nothing (tcp_chrono_stop), read in microseconds with the running one's time so far
 * (tcp_get_info_chrono_stats); and the send-buffer-limited one on a connection whose writer waits
 * for SO_SNDBUF space with everything written already sent (tcp_cwnd_validate, tcp_check_space).
 */
class ChronoTest {
    private static final long MS = 1_000_000L;

    @Test
    void the_most_interesting_chronograph_runs_and_stop_returns_to_busy_or_nothing() {
        Chrono c = chronoOfNewConnection();
        c.start(Chrono.BUSY, 10 * MS);
        c.start(Chrono.RWND_LIMITED, 30 * MS);
        c.start(Chrono.BUSY, 40 * MS); // less interesting than what runs: nothing changes
        assertEquals(Chrono.RWND_LIMITED, c.type());
        c.stop(Chrono.SNDBUF_LIMITED, false, 50 * MS); // not the one running
        assertEquals(Chrono.RWND_LIMITED, c.type());
        assertEquals(15_000, c.usecs(Chrono.RWND_LIMITED, 45 * MS), "the running one counts up to now");
        c.stop(Chrono.RWND_LIMITED, false, 60 * MS);
        assertEquals(Chrono.BUSY, c.type(), "data still queued: busy again");
        c.start(Chrono.SNDBUF_LIMITED, 70 * MS);
        c.stop(Chrono.BUSY, true, 100 * MS); // queues empty: whatever runs stops
        assertEquals(Chrono.UNSPEC, c.type());
        assertEquals(20_000 + 10_000, c.usecs(Chrono.BUSY, 500 * MS), "10-30 and 60-70 ms");
        assertEquals(30_000, c.usecs(Chrono.RWND_LIMITED, 500 * MS));
        assertEquals(30_000, c.usecs(Chrono.SNDBUF_LIMITED, 500 * MS), "idle time after the stop is not counted");
    }

    @Test
    void time_is_counted_in_whole_jiffies() {
        Chrono c = chronoOfNewConnection();
        c.start(Chrono.BUSY, 1_900_000L); // jiffy 1
        assertEquals(1000, c.usecs(Chrono.BUSY, 2_100_000L), "jiffy 2 - jiffy 1: 0.2 ms apart, one jiffy");
    }

    /** The chronographs of a connection just opened (connect: SYN sent, nothing written), none running. */
    private static Chrono chronoOfNewConnection() {
        TcpStack stack = new TcpStack(new TcpHostTest.ListHost(Sysctls.defaults(KernelVersion.V6_18)));
        TcpSocket s = stack.connect(0xc0000201, 8080, SocketOptions.DEFAULTS, new SocketCallbacks() { });
        assertEquals(Chrono.UNSPEC, s.snd.chrono.type());
        return s.snd.chrono;
    }

    @Test
    void a_writer_waiting_for_send_buffer_with_all_sent_is_sndbuf_limited_until_an_ack_frees_space() {
        TcpHostTest.ListHost host = new TcpHostTest.ListHost(Sysctls.defaults(KernelVersion.V6_18));
        TcpStack stack = new TcpStack(host);
        TcpSocket s = stack.connect(0xc0000201, 8080, SocketOptions.DEFAULTS.withSndbuf(2500), new SocketCallbacks() { });
        TcpSegment syn = host.sent.get(0);
        int iss = syn.seq;
        // a largest window of 8000: skbs of 4000 bytes (size_goal, half of it)
        TcpSegment synAck = TcpHostTest.inbound(TcpSegment.SYN | TcpSegment.ACK, 5000, iss + 1, 8000);
        synAck.srcPort = syn.dstPort;
        synAck.dstPort = syn.srcPort;
        synAck.mssOption = 1000;
        stack.deliver(synAck, 0);
        assertEquals(5000, s.snd.sndbuf, "SO_SNDBUF 2500, doubled");
        deliverAck(stack, syn, iss + 1, 4000, 0); // the window shrinks to 4000
        int n = s.write(100_000, 10 * MS);
        // a new skb only while sk_wmem_queued < sk_sndbuf: a second 4000-byte skb (4000 + 832 < 5000), no third
        assertEquals(8000, n, "the write takes skbs while the buffer has room, then waits (SOCK_NOSPACE)");
        assertEquals(s.snd.sndUna + 4000, s.snd.sndNxt, "the window lets the first skb go");
        // the ACK of the first skb opens the window: the second goes, all written is sent while the
        // writer waits, and 4832 bytes queued leave less than a third of 5000 free: no wake-up
        deliverAck(stack, syn, iss + 1 + 4000, 8000, 110 * MS);
        assertEquals(s.snd.writeSeq, s.snd.sndNxt, "everything written has gone out");
        Map<String, Long> info = TcpInfo.of(s, 210 * MS);
        assertEquals(100_000L, info.get("tcpi_sndbuf_limited"), "from the send at 110 ms");
        assertEquals(100_000L, info.get("tcpi_rwnd_limited"), "10-110 ms: data waited for the window");
        deliverAck(stack, syn, iss + 1 + n, 8000, 210 * MS); // everything acknowledged: the writer may go on
        info = TcpInfo.of(s, 400 * MS);
        assertEquals(100_000L, info.get("tcpi_sndbuf_limited"), "stopped when the ACK freed the buffer");
        assertEquals(200_000L, info.get("tcpi_busy_time"), "busy time includes the limited times; nothing queued since");
    }

    private static void deliverAck(TcpStack stack, TcpSegment syn, int ack, int window, long now) {
        TcpSegment seg = TcpHostTest.inbound(TcpSegment.ACK, 5001, ack, window);
        seg.srcPort = syn.dstPort;
        seg.dstPort = syn.srcPort;
        stack.deliver(seg, now);
    }
}
