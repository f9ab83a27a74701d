package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.tcpsim.experiment.ChartSpec;
import org.tcpsim.report.ResultsDir;

/**
 * Found following the README as a new user (issue 12, "three questions"): `sweep --set /duration=30s` of
 * port-exhaustion drew the file's "connections completed in 90 s (of 22 500 each)" y title and its theory
 * bars for 90 s beside runs of 30 s. A chart of runs made with --set values now leaves out the file's
 * references and y title (they were written for its own values); a plain sweep keeps them.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class PlotAfterSetScenarioTest {
    private static final String EXPERIMENT = """
            {
              "name": "plot-after-set",
              "duration": "200ms",
              "seeds": [1],
              "topology": {
                "nodes": [{"name": "client", "kind": "host", "address": "10.0.0.1"},
                          {"name": "server", "kind": "host", "address": "10.0.0.2"}],
                "links": [{"a": "client", "b": "server", "rate": "100Mbps", "delay": "1ms"}]
              },
              "workloads": [{"type": "probe", "from": "client", "to": "server:9000", "rate": "100/s"}],
              "sweep": {"/workloads/0/rate": ["100/s", "200/s"]},
              "chart": {"x": "rate", "y": ["probe.sent"], "kind": "bar", "y_title": "datagrams sent in 200 ms",
                        "reference": [{"label": "theory for 200 ms", "x": ["100/s", "200/s"], "y": [20, 40]}]}
            }
            """;

    @Test
    void aSweepWithSetValuesIsDrawnWithoutTheFilesReferencesAndYTitle(@TempDir Path tmp) {
        Path exp = Cli.write(tmp, "plot-after-set.json", EXPERIMENT);
        String out = tmp.resolve("out").toString();
        Path dir = tmp.resolve("out/plot-after-set");

        assertEquals(0, Cli.run("sweep", exp.toString(), "--out", out, "--jobs", "1").status());
        Cli.Result plain = Cli.run("plot", dir.toString(), "-o", tmp.resolve("plain.png").toString());
        assertEquals(0, plain.status(), plain.transcript());
        assertFalse(plain.err().contains("left out"), plain.transcript());
        ChartSpec file = spec(dir);
        assertEquals(file, file.forRunsMadeWith(recordedSet(dir)), "a plain sweep keeps the file's chart");
        assertEquals(1, file.references().size());

        assertEquals(0, Cli.run("sweep", exp.toString(), "--out", out, "--jobs", "1", "--set", "/duration=100ms").status());
        Cli.Result set = Cli.run("plot", dir.toString(), "-o", tmp.resolve("set.png").toString());
        assertEquals(0, set.status(), set.transcript());
        assertTrue(set.err().contains("theory references and y title are left out"), set.transcript());
        ChartSpec drawn = spec(dir).forRunsMadeWith(recordedSet(dir));
        assertEquals(List.of(), drawn.references());
        assertEquals("", drawn.yTitle(), "the column's meaning instead of \"... in 200 ms\"");
        assertEquals(file.title(), drawn.title());
        assertEquals(file.y(), drawn.y());

        Cli.Result report = Cli.run("report", dir.toString());
        assertEquals(0, report.status(), report.transcript());
    }

    @Test
    void theRuleAlone() {
        ChartSpec spec = ChartSpec.of(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(Map.of(
                "x", "rate", "y", List.of("probe.sent"), "y_title", "in 200 ms")));
        assertEquals(spec, spec.forRunsMadeWith(Map.of()));
        assertEquals("", spec.forRunsMadeWith(Map.of("/duration", "1s")).yTitle());
    }

    private static ChartSpec spec(Path dir) {
        try {
            return ChartSpec.of(ResultsDir.open(dir, null, System.err).experiment().get("chart"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, ?> recordedSet(Path dir) {
        try {
            return ResultsDir.open(dir, null, System.err).recorded().set();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
