package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * "summary_counters": kernel counters become summary.csv columns (read from each run's
 * counters.csv when the summary is rebuilt, so adding one re-runs nothing), aggregate.csv
 * carries them, plot charts them, and a bad entry is refused with its location.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class SummaryCountersScenarioTest {
    private static final String EXPERIMENT = """
            {
              "name": "counters",
              "duration": "3s",
              "seeds": [1, 2],
              "topology": {
                "nodes": [
                  {"name": "client", "kind": "host", "address": "10.0.0.1"},
                  {"name": "server", "kind": "host", "address": "10.0.0.2"}
                ],
                "links": [{"a": "client", "b": "server", "rate": "100Mbps", "delay": "1ms"}]
              },
              "workloads": [
                {"type": "server", "host": "server", "port": 80, "backlog": 4, "accept": false},
                {"type": "connect-storm", "from": "client", "to": "10.0.0.2:80", "rate": "100/s", "stop": "1s"}
              ],
              "sweep": {"/workloads/0/backlog": [4, 16]}COUNTERS
            }
            """;

    private static String experiment(String counters) {
        return EXPERIMENT.replace("COUNTERS", counters.isEmpty() ? "" : ",\n  \"summary_counters\": " + counters);
    }

    @Test
    void countersBecomeColumnsWithoutReRunning_andPlotChartsThem(@TempDir Path tmp) {
        Path exp = Cli.write(tmp, "counters.json", experiment(""));
        String out = tmp.resolve("out").toString();
        assertEquals(0, Cli.run("sweep", exp.toString(), "--out", out).status());
        assertFalse(CsvTable.read(tmp.resolve("out/counters/summary.csv")).header()
                .contains("server:TcpExtListenOverflows"));

        Cli.write(tmp, "counters.json", experiment("[\"server:TcpExtListenOverflows\", \"client:*\"]"));
        Cli.Result again = Cli.run("sweep", exp.toString(), "--out", out);
        assertEquals(0, again.status(), again.transcript());
        assertTrue(again.out().contains("0 runs executed, 4 already complete"), again.transcript());
        CsvTable summary = CsvTable.read(tmp.resolve("out/counters/summary.csv"));
        assertTrue(summary.header().contains("client:TcpActiveOpens"), "client:* brings its non-zero counters: "
                + summary.header());
        assertFalse(summary.header().contains("client:TcpExtListenOverflows"), "a counter zero in every run is left out");
        for (CsvTable.Row row : summary.rows()) {
            long overflows = row.integer("server:TcpExtListenOverflows");
            assertEquals(row.get("backlog").equals("4") ? overflows > 0 : true, true, "backlog 4 overflows");
            CsvTable counters = CsvTable.read(tmp.resolve("out/counters").resolve(row.get("run_id")).resolve("counters.csv"));
            long inFile = counters.rowsWhere(r -> r.get("host").equals("server")
                    && r.get("counter").equals("TcpExtListenOverflows")).get(0).integer("value");
            assertEquals(inFile, overflows, "the column is counters.csv's value");
        }
        CsvTable aggregate = CsvTable.read(tmp.resolve("out/counters/aggregate.csv"));
        assertEquals(2, aggregate.rowsWhere(r -> r.get("metric").equals("server:TcpExtListenOverflows")).size());

        Cli.Result plot = Cli.run("plot", tmp.resolve("out/counters").toString(), "--x", "backlog", "--y",
                "server:TcpExtListenOverflows");
        assertEquals(0, plot.status(), plot.transcript());
    }

    @Test
    void badEntriesAreRefusedWithTheirLocation(@TempDir Path tmp) {
        Path exp = Cli.write(tmp, "counters.json", experiment(
                "[\"server:TcpExtListenOverflow\", \"servr:TcpActiveOpens\", \"server\", \"client:*\", \"client:*\"]"));
        Cli.Result r = Cli.run("validate", exp.toString());
        assertEquals(2, r.status(), r.transcript());
        String err = r.err();
        assertTrue(err.contains("/summary_counters/0") && err.contains("did you mean 'TcpExtListenOverflows'"), err);
        assertTrue(err.contains("/summary_counters/1") && err.contains("did you mean 'server'"), err);
        assertTrue(err.contains("/summary_counters/2") && err.contains("HOST:COUNTER"), err);
        assertTrue(err.contains("/summary_counters/4") && err.contains("listed twice"), err);
        assertFalse(err.contains("/summary_counters/3"), err);
        assertTrue(err.matches("(?s).*counters\\.json:\\d+:\\d+: .*"), "located with line and column: " + err);
    }

    @Test
    void everyShippedExperimentStillValidates() {
        for (String name : List.of("accept-queue", "syn-backlog")) {
            Cli.Result r = Cli.run("validate", Path.of("..", "experiments", name + ".json").toString());
            assertEquals(0, r.status(), r.transcript());
        }
    }
}
