package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * The shipped socket-buffers experiment at half its link rate and a third of its length: one bulk
 * flow over 50 Mbps x 100 ms (BDP 625 kB) reaches min(payload rate, window / RTT, sndbuf / RTT),
 * the receive window being Linux 6.x's share of the receive buffer: scaling_ratio = 1448 x 256 /
 * 2304 = 160 of 256 (a full segment's len / truesize, tcp_measure_rcv_mss) of what is left with
 * the arriving segment queued, (rcvbuf - 2304) x 160 / 256 (tcp_grow_window's limit for
 * rcv_ssthresh).
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class SocketBuffersExperimentTest {
    private static final Path EXPERIMENT = Path.of("..", "experiments", "socket-buffers.json");
    private static final double RTT_S = 0.100;
    private static final double LINK_BPS = 50e6;
    // the rate counts IP bytes; goodput counts payload: 1448 of every 1500 (timestamps on)
    private static final double PAYLOAD_BPS = LINK_BPS * 1448 / 1500;
    private static final String RMEM = "/hosts/receiver/sysctl/net.ipv4.tcp_rmem";
    private static final String WMEM = "/hosts/sender/sysctl/net.ipv4.tcp_wmem";

    /** The window a receive buffer of {@code rcvbuf} bytes offers (see the class comment). */
    private static double window(long rcvbuf) {
        return (rcvbuf - 2304) * 160 / 256;
    }

    @Test
    void goodputIsTheMeasuredShareOfTheReceiveBufferPerRttBelowTheBdpAndTheLinkRateAbove(@TempDir Path tmp) {
        // 256 KiB and 512 KiB: windows of 160 and 320 KiB, a quarter and a half of the BDP
        double small = goodput(tmp.resolve("rmem-256k"), RMEM + "=\"4096 262144 262144\"");
        assertWithin(window(262144) * 8 / RTT_S, small, "rcvbuf 256 KiB");
        double twice = goodput(tmp.resolve("rmem-512k"), RMEM + "=\"4096 524288 524288\"");
        assertWithin(window(524288) * 8 / RTT_S, twice, "rcvbuf 512 KiB");
        assertTrue(twice / small > 1.9 && twice / small < 2.1, "window-limited goodput is proportional to rcvbuf: " + small + " -> " + twice);

        // 4 MiB fixed: a 2.5 MiB window, four times the BDP, so the link is the limit
        double large = goodput(tmp.resolve("rmem-4m"), RMEM + "=\"4096 4194304 4194304\"");
        assertTrue(large > 0.85 * PAYLOAD_BPS && large <= PAYLOAD_BPS, "rcvbuf 4 MiB: " + large + " of " + PAYLOAD_BPS);
    }

    @Test
    void autotuningGrowsTheDefaultBufferToTheLinkRateAndWithoutItTheDefaultLimits(@TempDir Path tmp) {
        // the file's base point: tcp_rmem 4096 131072 33554432 with tcp_moderate_rcvbuf = 1
        double autotuned = goodput(tmp.resolve("autotuned"));
        assertTrue(autotuned > 0.85 * PAYLOAD_BPS && autotuned <= PAYLOAD_BPS, "autotuned: " + autotuned + " of " + PAYLOAD_BPS);

        // tcp_moderate_rcvbuf = 0 keeps the 128 KiB default: an 80480-byte window, ~6.4 Mbps
        double fixedDefault = goodput(tmp.resolve("no-autotuning"), "/hosts/receiver/sysctl/net.ipv4.tcp_moderate_rcvbuf=0");
        assertWithin(window(131072) * 8 / RTT_S, fixedDefault, "tcp_rmem[1] without autotuning");
    }

    @Test
    void aFixedSendBufferKeepsLessThanItselfInFlight(@TempDir Path tmp) {
        // sk_wmem_queued charges each skb its payload plus 832 bytes (SKB_TRUESIZE), and a writer
        // that filled the buffer is woken only with a third of it free (sk_stream_write_space): the
        // data in flight stays between about two thirds of the buffer, less the skbs' overhead, and
        // the buffer itself. Charging payload bytes and waking at the first byte freed gave ~100 %.
        double g = goodput(tmp.resolve("wmem-256k"), WMEM + "=\"4096 262144 262144\"");
        double cap = 262144 * 8 / RTT_S;
        assertTrue(g > 0.5 * cap && g < 0.85 * cap, "sndbuf 256 KiB with an autotuned receiver: " + g + " bps, sndbuf / RTT " + cap);
    }

    /** Runs the shipped file's base point at 50 Mbps for 10 s with {@code sets}; the bulk goodput. */
    private static double goodput(Path out, String... sets) {
        List<String> args = new ArrayList<>(List.of("run", EXPERIMENT.toString(), "--out", out.toString(),
                "--set", "/duration=10s", "--set", "/workloads/0/duration=10s", "--set", "/topology/links/0/rate=50Mbps"));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.status(), r.transcript());
        CsvTable summary = CsvTable.read(out.resolve("socket-buffers").resolve("summary.csv"));
        assertEquals(1, summary.size(), "one run");
        CsvTable.Row row = summary.row(0);
        assertEquals(1, row.integer("bulk.flows_completed"), row.toString());
        assertEquals(0, row.integer("net.drops.link_loss"), row.toString());
        return row.number("bulk.goodput_bps");
    }

    /** Within 15 % of min(payload rate, window / RTT): slow start and ACK timing cost a few per cent. */
    private static void assertWithin(double windowBps, double measured, String what) {
        double expected = Math.min(PAYLOAD_BPS, windowBps);
        assertTrue(Math.abs(measured / expected - 1) <= 0.15, what + ": " + measured + " bps, theory " + expected);
    }
}
