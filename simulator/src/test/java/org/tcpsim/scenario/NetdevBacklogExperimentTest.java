package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * The shipped netdev-backlog experiment with bursts of 500 instead of 2000 datagrams: three bursts
 * arriving one per 10 us at a CPU that needs 1 / packets_per_second per packet. Each burst loses
 * exactly what enqueue_to_backlog cannot hold: N - started - (max + 1), or nothing.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class NetdevBacklogExperimentTest {
    private static final Path EXPERIMENT = Path.of("..", "experiments", "netdev-backlog.json");
    private static final int BURSTS = 3;
    private static final long BURST = 500;
    private static final long GAP_NS = 10_000; // 100 000/s
    private static final String MAX_BACKLOG = "/hosts/receiver/sysctl/net.core.netdev_max_backlog";
    private static final String PPS = "/hosts/receiver/packets_per_second";

    @Test
    void aBurstFasterThanTheCpuLosesWhatTheBacklogCannotHold(@TempDir Path tmp) {
        // 25 000/s: 40 us per packet, so the CPU starts floor(499 x 10 / 40) + 1 = 125 of a burst
        assertEquals(125, started(25_000));
        assertDropsPerBurst(500 - 125 - 101, run(tmp.resolve("b100"), 25_000, 100));
        assertDropsPerBurst(500 - 125 - 301, run(tmp.resolve("b300"), 25_000, 300));
        // the edge of qlen > max: 374 waiting fit the 375 packets left over, 373 do not
        assertDropsPerBurst(1, run(tmp.resolve("b373"), 25_000, 373));
        assertDropsPerBurst(0, run(tmp.resolve("b374"), 25_000, 374));
    }

    @Test
    void noDropsWhenTheBacklogExceedsTheBurstOrTheCpuKeepsUp(@TempDir Path tmp) {
        // a backlog larger than the whole burst: even a slow CPU loses nothing
        assertDropsPerBurst(0, run(tmp.resolve("slow-deep"), 25_000, 1000));
        // 100 000/s: each packet is done as the next arrives, so even a backlog of 1 never overflows
        assertDropsPerBurst(0, run(tmp.resolve("fast-shallow"), 100_000, 1));
        // 50 000/s with 100: the queue grows by half the burst, 250 - 101 lost
        assertDropsPerBurst(500 - started(50_000) - 101, run(tmp.resolve("half"), 50_000, 100));
    }

    /** Packets the CPU has taken by the last arrival of a burst: the first at once, then one per service time. */
    private static long started(long packetsPerSecond) {
        long serviceNs = 1_000_000_000L / packetsPerSecond;
        return (BURST - 1) * GAP_NS / serviceNs + 1;
    }

    private static void assertDropsPerBurst(long perBurst, Result r) {
        assertEquals(BURSTS * perBurst, r.summary.integer("net.drops.softnet_backlog"), r.summary.toString());
        assertEquals(BURSTS * perBurst, r.softnetDropped, "counters.csv SoftnetDropped on the receiver");
        for (int i = 1; i <= BURSTS; i++) {
            // the queue drains between bursts (at most 375 x 40 us = 15 ms), so each loses the same
            assertEquals(BURST, r.summary.integer("burst-" + i + ".sent"), r.summary.toString());
            assertEquals(BURST - perBurst, r.summary.integer("burst-" + i + ".received"), r.summary.toString());
        }
        assertEquals(0, r.summary.integer("net.drops.queue_full"), "the 1 Gbps link carries 100 000/s of 1000 B");
    }

    private record Result(CsvTable.Row summary, long softnetDropped) {
    }

    /** Runs the shipped file's base point with bursts of {@link #BURST} and the given CPU rate and backlog. */
    private static Result run(Path out, long packetsPerSecond, int maxBacklog) {
        List<String> args = new ArrayList<>(List.of("run", EXPERIMENT.toString(), "--out", out.toString(),
                "--set", PPS + "=" + packetsPerSecond, "--set", MAX_BACKLOG + "=" + maxBacklog));
        for (int i = 0; i < BURSTS; i++) {
            args.add("--set");
            args.add("/workloads/" + i + "/count=" + BURST);
        }
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.status(), r.transcript());
        CsvTable summary = CsvTable.read(out.resolve("netdev-backlog").resolve("summary.csv"));
        assertEquals(1, summary.size(), "one run");
        CsvTable.Row row = summary.row(0);
        CsvTable counters = CsvTable.read(out.resolve("netdev-backlog").resolve(row.get("run_id")).resolve("counters.csv"));
        List<CsvTable.Row> dropped = counters.rowsWhere(c -> c.get("host").equals("receiver") && c.get("counter").equals("SoftnetDropped"));
        assertEquals(1, dropped.size(), "one SoftnetDropped row for the receiver");
        return new Result(row, dropped.get(0).integer("value"));
    }
}
