package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * `sweep --set`: the value applies to every point, its runs get their own ids (the plain sweep's
 * stay on disk untouched), the summary holds the sweep as last invoked, shards merge with the
 * same --set, and a swept pointer cannot be set.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class SweepSetScenarioTest {
    private static final String EXPERIMENT = """
            {
              "name": "sweep-set",
              "duration": "2s",
              "seeds": [1],
              "topology": {
                "nodes": [
                  {"name": "a", "kind": "host", "address": "10.0.0.1"},
                  {"name": "b", "kind": "host", "address": "10.0.0.2"}
                ],
                "links": [{"a": "a", "b": "b", "rate": "100Mbps", "delay": "1ms"}]
              },
              "workloads": [{"type": "probe", "from": "a", "to": "10.0.0.2:9000", "rate": "100/s", "size": "100B"}],
              "sweep": {"/topology/links/0/delay": ["1ms", "5ms"]}
            }
            """;

    private static List<String> runIds(CsvTable summary) {
        List<String> ids = new ArrayList<>();
        for (CsvTable.Row row : summary.rows()) {
            ids.add(row.get("run_id"));
        }
        return ids;
    }

    @Test
    void set_applies_to_every_point_under_its_own_run_ids(@TempDir Path tmp) throws Exception {
        Path exp = Cli.write(tmp, "sweep-set.json", EXPERIMENT);
        String out = tmp.resolve("out").toString();
        Cli.Result plain = Cli.run("sweep", exp.toString(), "--out", out);
        assertEquals(0, plain.status(), plain.transcript());
        CsvTable before = CsvTable.read(tmp.resolve("out/sweep-set/summary.csv"));
        assertEquals(List.of("p0-s1", "p1-s1"), runIds(before));

        Cli.Result set = Cli.run("sweep", exp.toString(), "--out", out, "--set", "/workloads/0/rate=400/s");
        assertEquals(0, set.status(), set.transcript());
        CsvTable after = CsvTable.read(tmp.resolve("out/sweep-set/summary.csv"));
        List<String> ids = runIds(after);
        assertEquals(2, ids.size(), "the summary holds the sweep as last invoked: " + ids);
        for (String id : ids) {
            assertTrue(id.matches("set-[0-9a-f]{8}-p[01]-s1"), id);
        }
        for (int i = 0; i < 2; i++) {
            long plainSent = before.rows().get(i).integer("probe.sent");
            long setSent = after.rows().get(i).integer("probe.sent");
            assertEquals(4 * plainSent, setSent, 8, "400/s instead of 100/s at every point");
            assertEquals(before.rows().get(i).get("delay"), after.rows().get(i).get("delay"));
        }
        assertTrue(Files.isDirectory(tmp.resolve("out/sweep-set/p0-s1")), "the plain sweep's runs stay on disk");

        Cli.Result again = Cli.run("sweep", exp.toString(), "--out", out);
        assertEquals(0, again.status(), again.transcript());
        assertTrue(again.out().contains("0 runs executed, 2 already complete"), again.transcript());
        assertEquals(List.of("p0-s1", "p1-s1"), runIds(CsvTable.read(tmp.resolve("out/sweep-set/summary.csv"))));
    }

    @Test
    void shards_with_set_merge_into_one_summary(@TempDir Path tmp) throws Exception {
        Path exp = Cli.write(tmp, "sweep-set.json", EXPERIMENT);
        String out = tmp.resolve("out").toString();
        for (String shard : new String[] {"1/2", "2/2"}) {
            Cli.Result r = Cli.run("sweep", exp.toString(), "--out", out, "--shard", shard, "--set", "/duration=1s");
            assertEquals(0, r.status(), r.transcript());
        }
        Files.delete(tmp.resolve("out/sweep-set/summary.csv"));
        Cli.Result merged = Cli.run("merge", exp.toString(), "--out", out, "--set", "/duration=1s");
        assertEquals(0, merged.status(), merged.transcript());
        List<String> ids = runIds(CsvTable.read(tmp.resolve("out/sweep-set/summary.csv")));
        assertEquals(2, ids.size(), ids.toString());
        try (Stream<Path> dirs = Files.list(tmp.resolve("out/sweep-set"))) {
            assertEquals(2, dirs.filter(d -> d.getFileName().toString().startsWith("set-")).count());
        }
    }

    @Test
    void a_swept_pointer_cannot_be_set(@TempDir Path tmp) {
        Path exp = Cli.write(tmp, "sweep-set.json", EXPERIMENT);
        Cli.Result r = Cli.run("sweep", exp.toString(), "--out", tmp.resolve("out").toString(),
                "--set", "/topology/links/0/delay=9ms");
        assertEquals(2, r.status(), r.transcript());
        assertTrue(r.err().contains("/topology/links/0/delay is swept"), r.transcript());
        assertFalse(Files.exists(tmp.resolve("out/sweep-set")), "nothing written");
    }
}
