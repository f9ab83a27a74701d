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
 * A server whose one CPU processes 1000 packets/s, with net.core.netdev_max_backlog = 10, flooded
 * at 2000 datagrams/s; and, the other way, a probe into a client filter that drops a quarter of
 * it. Run from JSON through the CLI; counters.csv, summary.csv and timeseries.csv must agree with
 * the counts derived from the rates.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class SoftnetAndFilterScenarioTest {
    private static final int MAX_BACKLOG = 10;
    private static final long SERVICE_NS = 1_000_000; // 1 / 1000 packets per second
    private static final long GAP_NS = 500_000; // 1 / 2000 per second
    private static final double FILTER_P = 0.25;

    private static final String EXPERIMENT = """
            {
              "name": "softnet",
              "duration": "10s",
              "seeds": [1],
              "sample_interval": "1s",
              "topology": {
                "nodes": [
                  {"name": "client", "kind": "host", "address": "10.0.0.1"},
                  {"name": "server", "kind": "host", "address": "10.0.0.2"}
                ],
                "links": [{"a": "client", "b": "server", "rate": "1Gbps", "delay": "100us", "queue": "1000p"}]
              },
              "hosts": {
                "server": {"cpus": 1, "packets_per_second": 1000,
                           "sysctl": {"net.core.netdev_max_backlog": %MAX%}},
                "client": {"filters": [{"name": "lossy", "direction": "in", "protocol": "udp", "dst_port": 9001,
                                        "p": %P%}]}
              },
              "workloads": [
                {"type": "probe", "name": "flood", "from": "client", "to": "server:9000", "rate": "2000/s",
                 "size": "1000B"},
                {"type": "probe", "name": "back", "from": "server", "to": "client:9001", "rate": "1000/s",
                 "size": "100B"}
              ]
            }
            """.replace("%MAX%", Integer.toString(MAX_BACKLOG)).replace("%P%", Double.toString(FILTER_P));

    @Test
    void softnetDropsAndFilterDropsShowInCountersSummaryAndTimeseries(@TempDir Path tmp) {
        Path exp = Cli.write(tmp, "softnet.json", EXPERIMENT);
        Path out = tmp.resolve("out");
        Cli.Result r = Cli.run("run", exp.toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.transcript());
        CsvTable summary = CsvTable.read(out.resolve("softnet/summary.csv"));
        CsvTable.Row run = summary.row(0);
        Path dir = out.resolve("softnet").resolve(run.get("run_id"));

        // The flood arrives every 0.5 ms at a CPU needing 1 ms per packet: busy from the first
        // arrival on, it has started floor((n - 1) * gap / service) + 1 packets by the last one,
        // behind which the queue is full (max + 1); the rest were dropped (enqueue_to_backlog).
        long n = run.integer("flood.sent");
        assertEquals(18_000, n, "2000/s for the 9 s a probe sends");
        long started = (n - 1) * GAP_NS / SERVICE_NS + 1;
        long softnetDrops = n - (MAX_BACKLOG + 1) - started;
        assertEquals(8_989, softnetDrops);
        assertEquals(softnetDrops, run.integer("net.drops.softnet_backlog"));
        assertEquals(n - softnetDrops, run.integer("flood.received"), "the queue drains before the run ends");
        assertEquals(0, run.integer("net.drops.queue_full"), "the 1 Gbps link itself keeps up");

        CsvTable counters = CsvTable.read(dir.resolve("counters.csv"));
        assertEquals(softnetDrops, counter(counters, "server", "SoftnetDropped"));
        assertEquals(0, counter(counters, "client", "SoftnetDropped"), "an unlimited host never drops");
        assertEquals(n - softnetDrops, counter(counters, "server", "IpInReceives"), "drops never reach ip_rcv");

        // The filter: Binomial(sent, p) drops, every one counted, the rest received.
        long back = run.integer("back.sent");
        long filterDrops = counter(counters, "client", "FilterDrops:lossy");
        Binomial.Bound bound = Binomial.count(back, FILTER_P);
        assertTrue(bound.contains(filterDrops), filterDrops + " of " + back + " not in " + bound);
        assertEquals(filterDrops, run.integer("net.drops.filter"));
        assertEquals(back - filterDrops, run.integer("back.received"));

        // netdev.backlog.cpu0 of the server at every sampling instant: empty at 0 s and after the
        // flood stopped (it drains in 11 ms), full (max or max + 1, the queue refills every 0.5 ms)
        // while the flood runs. The client's processing is unlimited: no such metric.
        CsvTable ts = CsvTable.read(dir.resolve("timeseries.csv"));
        List<CsvTable.Row> backlog = ts.rowsWhere(row -> row.get("metric").equals("netdev.backlog.cpu0"));
        assertEquals(11, backlog.size(), "one sample per second, 0 s to 10 s" + backlog);
        for (CsvTable.Row row : backlog) {
            assertEquals("server", row.get("host"));
            double t = row.number("t_s");
            long v = row.integer("value");
            if (t == 0 || t == 10) {
                assertEquals(0, v, "at " + t + " s");
            } else {
                assertTrue(v == MAX_BACKLOG || v == MAX_BACKLOG + 1, "at " + t + " s: " + v);
            }
        }
        assertEquals(0, ts.rowsWhere(row -> row.get("host").equals("client")
                && row.get("metric").startsWith("netdev.backlog")).size());
    }

    private static long counter(CsvTable counters, String host, String name) {
        List<CsvTable.Row> rows = counters.rowsWhere(row -> row.get("host").equals(host) && row.get("counter").equals(name));
        assertEquals(1, rows.size(), host + " " + name);
        return rows.get(0).integer("value");
    }
}
