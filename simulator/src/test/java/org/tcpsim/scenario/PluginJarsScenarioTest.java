package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.tcpsim.plugin.TestJars;
import org.tcpsim.plugin.jarred.JarCongestionType;
import org.tcpsim.plugin.jarred.JarWorkloadType;

/**
 * Plugin jars with the command users run: --plugins DIR, TCPSIM_PLUGINS and plugins/ beside the
 * experiment, listed by `tcpsim plugins`; a bad jar or a plugin that throws ends the command with a
 * message, not a stack trace; a plugin's randomness keeps sweeps byte-identical whatever --jobs
 * and --shard are.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class PluginJarsScenarioTest {
    @TempDir
    Path tmp;
    Path pluginDir;

    @BeforeEach
    void jar() throws IOException {
        pluginDir = tmp.resolve("plugins-here");
        TestJars.build(pluginDir.resolve("test-plugins.jar"), Map.of(TestJars.CC, List.of(JarCongestionType.class.getName()),
                TestJars.WORKLOAD, List.of(JarWorkloadType.class.getName())));
    }

    private static String ticks(String extra) {
        return """
                {"name": "ticks", "duration": "2s", "seeds": [1, 2, 3],
                 "topology": {"nodes": [{"name": "a", "kind": "host", "address": "10.0.0.1"},
                                        {"name": "b", "kind": "host", "address": "10.0.0.2"}],
                              "links": [{"a": "a", "b": "b", "rate": "10Mbps", "delay": "5ms"}]},
                 "workloads": [{"type": "jar-ticks", "mean": "1ms"%s}],
                 "sweep": {"/workloads/0/mean": ["1ms", "3ms"]}}
                """.formatted(extra);
    }

    private static void assertNoStackTrace(Cli.Result r) {
        assertFalse(r.err().contains("\tat ") || r.err().contains("Caused by"), "no stack trace: " + r.transcript());
    }

    @Test
    void plugins_lists_a_jars_plugins_with_their_parameters_and_the_jar() {
        Cli.Result r = Cli.run("--plugins", pluginDir.toString(), "plugins");
        assertEquals(0, r.status(), r.transcript());
        String line = r.out().lines().filter(l -> l.trim().startsWith("jar-capped ")).findFirst().orElse("");
        assertTrue(line.contains("test-plugins.jar"), r.transcript());
        assertTrue(r.out().contains("cap = 6 [2..1000]"), r.transcript());
        assertTrue(r.out().contains("jar-ticks"), r.transcript());
        Cli.Result without = Cli.run("plugins");
        assertFalse(without.out().contains("jar-capped"), "not loaded without --plugins");
    }

    @Test
    void the_environment_list_and_plugins_beside_the_experiment_load_jars_too() throws IOException {
        Path exp = Cli.write(tmp, "e/ticks.json", ticks(""));
        Cli.Result env = Cli.runWithEnv(Map.of("TCPSIM_PLUGINS", pluginDir.toString()), "run", exp.toString(),
                "--out", tmp.resolve("o1").toString());
        assertEquals(0, env.status(), env.transcript());
        Files.createDirectories(tmp.resolve("e/plugins"));
        Files.copy(pluginDir.resolve("test-plugins.jar"), tmp.resolve("e/plugins/test-plugins.jar"));
        Cli.Result beside = Cli.runWithEnv(Map.of(), "run", exp.toString(), "--out", tmp.resolve("o2").toString());
        assertEquals(0, beside.status(), beside.transcript());
        assertEquals(Files.readString(tmp.resolve("o1/ticks/summary.csv")), Files.readString(tmp.resolve("o2/ticks/summary.csv")));
    }

    @Test
    void a_bad_jar_is_a_clear_error_with_status_2() throws IOException {
        Files.writeString(pluginDir.resolve("broken.jar"), "not a zip");
        Cli.Result r = Cli.run("--plugins", pluginDir.toString(), "plugins");
        assertEquals(2, r.status(), r.transcript());
        assertTrue(r.err().startsWith("tcpsim: ") && r.err().contains("broken.jar is not a plugin jar"), r.transcript());
        assertNoStackTrace(r);
        Cli.Result missing = Cli.run("--plugins", tmp.resolve("no-such-dir").toString(), "plugins");
        assertEquals(2, missing.status(), missing.transcript());
        assertNoStackTrace(missing);
    }

    @Test
    void a_plugin_that_throws_in_a_run_fails_the_run_with_its_name_and_status_1() {
        Path exp = Cli.write(tmp, "fail.json", ticks(", \"fail\": true"));
        Cli.Result r = Cli.run("--plugins", pluginDir.toString(), "run", exp.toString(), "--out", tmp.toString());
        assertEquals(1, r.status(), r.transcript());
        assertTrue(r.err().contains("type 'jar-ticks' from") && r.err().contains("tick failed on purpose"), r.transcript());
        assertNoStackTrace(r);
    }

    @Test
    void a_plugins_parameters_are_checked_with_file_line_and_column() {
        Path exp = Cli.write(tmp, "bad.json", ticks(", \"mean\": \"often\", \"extra\": 1").replace("\"mean\": \"1ms\", ", ""));
        Cli.Result r = Cli.run("--plugins", pluginDir.toString(), "validate", exp.toString());
        assertEquals(2, r.status(), r.transcript());
        assertTrue(r.err().contains("bad.json:") && r.err().contains("/workloads/0/mean"), r.transcript());
        assertTrue(r.err().contains("/workloads/0/extra"), "unknown keys are errors: " + r.transcript());
    }

    @Test
    void a_plugins_random_streams_keep_sweeps_byte_identical_whatever_jobs_and_shards() throws IOException {
        Path exp = Cli.write(tmp, "ticks.json", ticks(""));
        String dirs = pluginDir.toString();
        assertEquals(0, Cli.run("--plugins", dirs, "sweep", exp.toString(), "--jobs", "1", "--out", tmp.resolve("j1").toString()).status());
        assertEquals(0, Cli.run("--plugins", dirs, "sweep", exp.toString(), "--jobs", "3", "--out", tmp.resolve("j3").toString()).status());
        for (String shard : List.of("2/2", "1/2")) {
            Cli.Result r = Cli.run("--plugins", dirs, "sweep", exp.toString(), "--shard", shard, "--out", tmp.resolve("sh").toString());
            assertEquals(0, r.status(), r.transcript());
        }
        String one = Files.readString(tmp.resolve("j1/ticks/summary.csv"));
        assertEquals(one, Files.readString(tmp.resolve("j3/ticks/summary.csv")));
        assertEquals(one, Files.readString(tmp.resolve("sh/ticks/summary.csv")));
        CsvTable t = CsvTable.parse(one);
        List<String> sums = t.column("jar-ticks.draw_sum");
        assertEquals(6, sums.size());
        assertNotEquals(sums.get(0), sums.get(1), "seeds 1 and 2 draw differently: " + one);
    }

    @Test
    void a_changed_plugin_jar_makes_finished_runs_stale() throws IOException {
        Path exp = Cli.write(tmp, "ticks.json", ticks(""));
        String out = tmp.resolve("resume").toString();
        String dirs = pluginDir.toString();
        assertTrue(Cli.run("--plugins", dirs, "sweep", exp.toString(), "--out", out).out().contains("6 runs executed, 0 already"));
        assertTrue(Cli.run("--plugins", dirs, "sweep", exp.toString(), "--out", out).out().contains("0 runs executed, 6 already"));
        TestJars.build(pluginDir.resolve("test-plugins.jar"), Map.of(TestJars.CC, List.of(JarCongestionType.class.getName(),
                JarCongestionType.NoHooks.class.getName()), TestJars.WORKLOAD, List.of(JarWorkloadType.class.getName())));
        Cli.Result r = Cli.run("--plugins", dirs, "sweep", exp.toString(), "--out", out);
        assertTrue(r.out().contains("6 runs executed, 0 already"), "another jar, other code: " + r.transcript());
    }

    @Test
    void a_jar_congestion_control_takes_its_json_parameters() {
        String json = """
                {"name": "capped", "duration": "3s", "sample_interval": "100ms",
                 "topology": {"nodes": [{"name": "a", "kind": "host", "address": "10.0.0.1"},
                                        {"name": "b", "kind": "host", "address": "10.0.0.2"}],
                              "links": [{"a": "a", "b": "b", "rate": "100Mbps", "delay": "10ms"}]},
                 "workloads": [{"type": "bulk", "from": "a", "to": "b", "duration": "3s",
                                "congestion_control": {"name": "jar-capped", "cap": 3}}]}
                """;
        Path exp = Cli.write(tmp, "capped.json", json);
        Cli.Result r = Cli.run("--plugins", pluginDir.toString(), "run", exp.toString(), "--out", tmp.toString());
        assertEquals(0, r.status(), r.transcript());
        CsvTable ts = CsvTable.read(tmp.resolve("capped/run-s1/timeseries.csv"));
        // from the first sample after the handshake (at t = 0 the SYN is out with the initial window of 10)
        double max = ts.rowsWhere(row -> row.get("metric").endsWith(".cwnd") && row.number("t_s") > 0).stream()
                .mapToDouble(row -> row.number("value")).max().orElse(0);
        assertEquals(3, max, "cwnd held at the cap the JSON gave");
    }
}
