package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * A bulk workload's goodput_bps is all its bytes over the common interval (first handshake to last
 * end), never more than the path carries; the sum of per-flow rates, each over its own interval,
 * exceeded the link when flows ended at different times.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class BulkGoodputScenarioTest {
    private static final String EXPERIMENT = """
            {
              "name": "gp",
              "duration": "30s",
              "topology": {
                "nodes": [
                  {"name": "a", "kind": "host", "address": "10.0.0.1"},
                  {"name": "b", "kind": "host", "address": "10.0.0.2"}
                ],
                "links": [{"a": "a", "b": "b", "rate": "10Mbps", "delay": "10ms", "queue": "30p"}]
              },
              "workloads": [{"type": "bulk", "from": "a", "to": "b", "flows": 8, "bytes": "1MB"}]
            }
            """;

    @Test
    void goodputIsAllBytesOverTheCommonIntervalAndStaysUnderTheLink(@TempDir Path tmp) {
        ExperimentRun run = ExperimentRun.run(tmp, "gp", EXPERIMENT);
        CsvTable flows = CsvTable.read(run.dir.resolve("flows.csv"));
        CsvTable conns = CsvTable.read(run.dir.resolve("connections.csv"));
        double sumOfRates = 0;
        double end = 0;
        long bytes = 0;
        for (CsvTable.Row f : flows.rows()) {
            sumOfRates += f.number("goodput_bps");
            end = Math.max(end, f.number("end_s"));
            bytes += f.integer("bytes_received");
        }
        double began = Double.MAX_VALUE;
        for (CsvTable.Row c : conns.rows()) {
            began = Math.min(began, c.number("t_established_s"));
        }
        assertTrue(sumOfRates > 10e6, "flows that end at different times: their rates add up past the 10 Mbps link ("
                + sumOfRates + "), which is why goodput_bps is not that sum");
        double goodput = run.metric("bulk.goodput_bps");
        assertEquals(bytes * 8 / (end - began), goodput, goodput * 1e-9);
        assertTrue(goodput <= 10e6 * 1448 / 1500, "at most the link's payload rate: " + goodput);
        assertEquals(sumOfRates / 8, run.metric("bulk.goodput_per_flow_bps"), 1e-3);
        // Jain's index of the same per-flow rates, worked out here from flows.csv
        double squares = 0;
        for (CsvTable.Row f : flows.rows()) {
            squares += f.number("goodput_bps") * f.number("goodput_bps");
        }
        assertEquals(sumOfRates * sumOfRates / (8 * squares), run.metric("bulk.jain_fairness"), 1e-9);
        assertTrue(run.metric("bulk.jain_fairness") > 1.0 / 8 && run.metric("bulk.jain_fairness") <= 1.0);
    }

    @Test
    void queueOccupancyAndQueueingDelayFollowTheSamples(@TempDir Path tmp) {
        // two cubic flows for 20 s into a 30-packet queue: it is sampled every second
        ExperimentRun run = ExperimentRun.run(tmp, "gpq", EXPERIMENT.replace("\"name\": \"gp\"", "\"name\": \"gpq\"").replace("\"flows\": 8, \"bytes\": \"1MB\"",
                "\"flows\": 2, \"duration\": \"20s\"").replace("\"duration\": \"30s\",",
                "\"duration\": \"20s\", \"sample_interval\": \"1s\","));
        CsvTable ts = CsvTable.read(run.dir.resolve("timeseries.csv"));
        double backlog = 0;
        int samples = 0;
        for (CsvTable.Row r : ts.rows()) {
            if (r.get("metric").equals("qdisc.backlog_packets:a->b")) {
                backlog += r.number("value");
                samples++;
            }
        }
        assertTrue(samples >= 20, "sampled every second: " + samples);
        assertEquals(backlog / samples, run.metric("net.queue_max_mean_packets"), 1e-9, "the a->b queue is the fullest");
        assertTrue(run.metric("net.queue_max_mean_packets") > 5, "cubic keeps the 30-packet queue busy");
        double delay = run.metric("bulk.queue_delay_s");
        assertTrue(delay > 0 && delay < run.metric("bulk.srtt_mean_s") - 0.019, "srtt - min_rtt, below srtt less the 20 ms path: "
                + delay + " / " + run.metric("bulk.srtt_mean_s"));
    }
}
