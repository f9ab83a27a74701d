package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * A fixed-rate probe through a 10 Mbps bottleneck with a 10-packet queue, below and above the
 * bottleneck's packet rate. Below it nothing may be dropped; above it the drop-tail queue must
 * drop the excess, and only the excess.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class QueueDropScenarioTest {
    private static final long BOTTLENECK_BPS = 10_000_000; // "10Mbps"
    private static final int PACKET_BYTES = 1250; // "1250B": 10 000 bits, 1 ms on the bottleneck
    private static final int QUEUE_PACKETS = 10; // "10p"
    private static final double CAPACITY_PPS = BOTTLENECK_BPS / (PACKET_BYTES * 8.0); // 1000 packets/s
    private static final long UNDER = Math.round(0.9 * CAPACITY_PPS); // 900/s
    private static final long OVER = Math.round(1.2 * CAPACITY_PPS); // 1200/s

    private static final String EXPERIMENT = """
            {
              "name": "bottleneck",
              "duration": "10s",
              "seeds": [1],
              "topology": {
                "nodes": [
                  {"name": "client", "kind": "host", "address": "10.0.1.1"},
                  {"name": "r1", "kind": "router", "address": "10.0.1.254"},
                  {"name": "r2", "kind": "router", "address": "10.0.2.254"},
                  {"name": "server", "kind": "host", "address": "10.0.2.1"}
                ],
                "links": [
                  {"a": "client", "b": "r1", "rate": "1Gbps", "delay": "500us"},
                  {"a": "r1", "b": "r2", "rate": "10Mbps", "delay": "10ms", "queue": "%QUEUE%p"},
                  {"a": "r2", "b": "server", "rate": "1Gbps", "delay": "500us"}
                ]
              },
              "workloads": [
                {"type": "probe", "from": "client", "to": "server:9000", "rate": "1/s", "size": "%SIZE%B",
                 "arrival": "fixed"}
              ],
              "sweep": {"/workloads/0/rate": ["%UNDER%/s", "%OVER%/s"]}
            }
            """.replace("%QUEUE%", Integer.toString(QUEUE_PACKETS)).replace("%SIZE%", Integer.toString(PACKET_BYTES))
            .replace("%UNDER%", Long.toString(UNDER)).replace("%OVER%", Long.toString(OVER));

    @Test
    void queueDropsAppearOnlyWhenOfferedLoadExceedsTheBottleneckAndDropExactlyTheExcess(@TempDir Path tmp) {
        assertEquals(1000.0, CAPACITY_PPS);
        Path exp = Cli.write(tmp, "bottleneck.json", EXPERIMENT);
        Path out = tmp.resolve("out");
        Cli.Result r = Cli.run("sweep", exp.toString(), "--out", out.toString(), "--jobs", "2");
        assertEquals(0, r.status(), r.transcript());

        CsvTable summary = CsvTable.read(out.resolve("bottleneck/summary.csv"));
        assertEquals(List.of(UNDER + "/s", OVER + "/s"), summary.column("rate"));

        // 90 % load, evenly spaced: each packet leaves the bottleneck before the next arrives.
        CsvTable.Row under = summary.row(0);
        long underSent = under.integer("probe.sent");
        assertEquals(UNDER * 9, underSent, "fixed rate for the 9 s the probe runs (it stops 1 s before the end)");
        assertEquals(0, under.integer("net.drops.queue_full"), "no queue drops below the bottleneck rate");
        assertEquals(0.0, under.number("probe.loss_rate"), "no loss below the bottleneck rate");
        assertEquals(underSent, under.integer("probe.received"));
        assertEquals(0, droppedQueue(out, under, null), "links.csv must show no queue drops either");

        // 120 % load. From the first packet on, the bottleneck never idles (packets arrive every
        // 1/OVER s and take 1/CAPACITY s), so the packets it accepts are those that started
        // transmission by the last arrival, at (N - 1) / OVER s: between (N - 1) CAPACITY / OVER and
        // that plus one, plus at most QUEUE_PACKETS still waiting then. Everything else is dropped
        // at the queue. So the loss is 1 - CAPACITY / OVER to within (QUEUE_PACKETS + 2) / N.
        CsvTable.Row over = summary.row(1);
        long n = over.integer("probe.sent");
        assertEquals(OVER * 9, n);
        long lost = n - over.integer("probe.received");
        long queueDrops = over.integer("net.drops.queue_full");
        assertTrue(queueDrops > 0, "an overloaded bottleneck must drop at its queue");
        assertEquals(lost, queueDrops, "every lost probe was dropped by a full queue");
        assertEquals(0, over.integer("net.drops.link_loss"));
        double expectedLoss = 1 - CAPACITY_PPS / OVER;
        double slack = (QUEUE_PACKETS + 2.0) / n;
        double loss = over.number("probe.loss_rate");
        assertEquals(expectedLoss, loss, slack, "loss at " + OVER + "/s through " + CAPACITY_PPS + " packets/s");
        assertEquals(queueDrops, droppedQueue(out, over, null), "links.csv total agrees with the summary");
        assertEquals(queueDrops, droppedQueue(out, over, "r1"), "all queue drops are at the bottleneck's entry r1 -> r2");
    }

    /** Sum of links.csv dropped_queue of a run, over every direction or only those sent by {@code from}. */
    private static long droppedQueue(Path out, CsvTable.Row run, String from) {
        CsvTable links = CsvTable.read(out.resolve("bottleneck").resolve(run.get("run_id")).resolve("links.csv"));
        assertEquals(6, links.size(), "3 links x 2 directions");
        return links.rowsWhere(row -> from == null || row.get("from").equals(from)).stream()
                .mapToLong(row -> row.integer("dropped_queue")).sum();
    }
}
