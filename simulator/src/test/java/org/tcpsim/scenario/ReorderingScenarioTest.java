package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * A link that holds back a fraction p of packets by a fixed extra delay. When that delay is
 * longer than the gap between probes, every held-back packet is overtaken and the receiver
 * counts it out of order, so the measured reorder_rate estimates p; when it is shorter, packets
 * are delayed but never overtaken, and the receiver must see perfect order.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class ReorderingScenarioTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double PROBE_RATE = 2000; // datagrams per second, fixed spacing
    private static final long GAP_NS = 500_000; // 1 s / 2000
    private static final String LONG_DELAY = "3250us"; // > GAP_NS: overtaken by the next 6 probes
    private static final long LONG_DELAY_NS = 3_250_000;
    private static final String SHORT_DELAY = "200us"; // < GAP_NS: delayed, never overtaken
    private static final long SHORT_DELAY_NS = 200_000;

    private static final String EXPERIMENT = """
            {
              "name": "reorder-sweep",
              "duration": "10s",
              "seeds": [1, 2],
              "topology": {
                "nodes": [
                  {"name": "client", "kind": "host", "address": "10.0.0.1"},
                  {"name": "server", "kind": "host", "address": "10.0.0.2"}
                ],
                "links": [{"a": "client", "b": "server", "rate": "100Mbps", "delay": "2ms", "queue": "1000p"}]
              },
              "workloads": [
                {"type": "probe", "from": "client", "to": "server:9000", "rate": "%RATE%/s", "size": "500B",
                 "arrival": "fixed"}
              ],
              "sweep": {
                "/topology/links/0/reorder": [
                  {"p": 0.0, "delay": "%LONG%"},
                  {"p": 0.02, "delay": "%LONG%"},
                  {"p": 0.1, "delay": "%LONG%"},
                  {"p": 0.1, "delay": "%SHORT%"}
                ]
              }
            }
            """.replace("%RATE%", Integer.toString((int) PROBE_RATE))
            .replace("%LONG%", LONG_DELAY).replace("%SHORT%", SHORT_DELAY);

    @Test
    void outOfOrderArrivalsMatchTheConfiguredReorderProbabilityAndAreZeroWithoutReordering(@TempDir Path tmp)
            throws Exception {
        assertEquals(GAP_NS, Math.round(1e9 / PROBE_RATE));
        assertTrue(LONG_DELAY_NS > GAP_NS && SHORT_DELAY_NS < GAP_NS, "the scenario's premise");

        Path exp = Cli.write(tmp, "reorder.json", EXPERIMENT);
        Path out = tmp.resolve("out");
        Cli.Result r = Cli.run("sweep", exp.toString(), "--out", out.toString(), "--jobs", "2");
        assertEquals(0, r.status(), r.transcript());

        CsvTable summary = CsvTable.read(out.resolve("reorder-sweep/summary.csv"));
        assertEquals(8, summary.size(), "4 sweep points x 2 seeds");
        int withReordering = 0;
        for (CsvTable.Row row : summary.rows()) {
            JsonNode reorder = JSON.readTree(row.get("reorder"));
            double p = reorder.get("p").asDouble();
            String delay = reorder.get("delay").asText();
            long sent = row.integer("probe.sent");
            long received = row.integer("probe.received");
            double reorderRate = row.number("probe.reorder_rate");
            long outOfOrder = Math.round(reorderRate * received);
            String where = row.get("run_id") + " " + reorder + ": received " + received + ", reorder_rate "
                    + reorderRate;

            assertEquals(sent, received, where + ": reordering must not lose packets");
            assertEquals(0.0, row.number("probe.duplicate_rate"), where);
            CsvTable links = CsvTable.read(out.resolve("reorder-sweep").resolve(row.get("run_id")).resolve("links.csv"));
            long heldBack = heldBack(links, "client", "server");

            if (p == 0) {
                assertEquals(0.0, reorderRate, where + ": no reordering configured, none may be seen");
                assertEquals(0, heldBack, where);
            } else if (delay.equals(LONG_DELAY)) {
                // A held-back packet k arrives after k+1 unless k+1 .. k+floor(delay/gap) were all held
                // back too (probability p^6 here), or nothing follows it (the last few): the
                // out-of-order count is, to well under one packet, a Binomial(received, p) draw.
                Binomial.Bound bound = Binomial.count(received, p);
                assertTrue(bound.contains(outOfOrder), where + ": " + outOfOrder + " out-of-order arrivals, not in the "
                        + Binomial.CONFIDENCE + " binomial bound " + bound + " for p = " + p);
                assertTrue(outOfOrder <= heldBack, where + ": only held-back packets can arrive out of order ("
                        + heldBack + " held back)");
                withReordering++;
            } else {
                assertEquals(SHORT_DELAY, delay);
                // Held back, but by less than the gap: delayed, never overtaken.
                assertTrue(Binomial.count(received, p).contains(heldBack), where + ": the link held back "
                        + heldBack + " packets");
                assertEquals(0.0, reorderRate, where + ": a packet delayed by less than the gap cannot be overtaken");
            }
        }
        assertEquals(4, withReordering);
    }

    /** The links.csv "reordered" count of the direction from -> to. */
    private static long heldBack(CsvTable links, String from, String to) {
        var rows = links.rowsWhere(row -> row.get("from").equals(from) && row.get("to").equals(to));
        assertEquals(1, rows.size(), "one links.csv row for " + from + " -> " + to);
        return rows.get(0).integer("reordered");
    }
}
