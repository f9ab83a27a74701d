package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** What `tcpsim run` prints: drop causes that stayed zero in one line, the results line last. */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class RunOutputScenarioTest {
    private static final String EXPERIMENT = """
            {
              "name": "printed",
              "duration": "1s",
              "topology": {
                "nodes": [
                  {"name": "a", "kind": "host", "address": "10.0.0.1"},
                  {"name": "b", "kind": "host", "address": "10.0.0.2"}
                ],
                "links": [{"a": "a", "b": "b", "rate": "10Mbps", "delay": "1ms", "loss": 0.2}]
              },
              "workloads": [{"type": "probe", "from": "a", "to": "10.0.0.2:9000", "rate": "1000/s"}]
            }
            """;

    @Test
    void zeroDropCausesFoldIntoOneLineAndResultsComeLast(@TempDir Path tmp) {
        Path exp = Cli.write(tmp, "printed.json", EXPERIMENT);
        Cli.Result r = Cli.run("run", exp.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(0, r.status(), r.transcript());
        assertTrue(r.out().contains("net.drops.link_loss"), "a non-zero cause keeps its line: " + r.out());
        assertFalse(r.out().contains("net.drops.queue_full"), "a zero cause does not: " + r.out());
        assertTrue(r.out().contains("0 (12 other causes, in summary.csv)"), r.out());
        String[] lines = r.out().strip().split("\n");
        assertTrue(lines[lines.length - 1].startsWith("results: "), "the results line comes after the run: " + r.out());
        assertTrue(CsvTable.read(tmp.resolve("out/printed/summary.csv")).header().contains("net.drops.queue_full"),
                "summary.csv keeps every cause");
    }
}
