package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.tcpsim.plugin.TestJars;
import org.tcpsim.plugin.jarred.JarCongestionType;

/**
 * Every way a plugin jar can be wrong, as a user meets it through the command: one line on stderr
 * starting "tcpsim: " that names the jar (and the class), exit status 2 when the jar cannot be
 * loaded and 1 when plugin code fails during a run, and never a stack trace.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class PluginErrorsScenarioTest {
    @TempDir
    Path tmp;

    private Path jar(String name, Map<String, List<String>> services) throws IOException {
        return TestJars.build(tmp.resolve("plugins").resolve(name), services);
    }

    private Cli.Result plugins() {
        return Cli.run("--plugins", tmp.resolve("plugins").toString(), "plugins");
    }

    private static void assertClear(Cli.Result r, int status, String... parts) {
        assertEquals(status, r.status(), r.transcript());
        assertTrue(r.err().startsWith("tcpsim: "), r.transcript());
        for (String p : parts) {
            assertTrue(r.err().contains(p), "'" + p + "' in " + r.transcript());
        }
        assertFalse(r.err().contains("\tat ") || r.err().contains("Caused by") || r.out().contains("\tat "),
                "no stack trace: " + r.transcript());
    }

    @Test
    void two_plugins_with_one_name_exit_2_naming_both_jars() throws IOException {
        jar("a.jar", Map.of(TestJars.CC, List.of(JarCongestionType.class.getName())));
        jar("b.jar", Map.of(TestJars.CC, List.of(JarCongestionType.SameName.class.getName())));
        assertClear(plugins(), 2, "two congestion controls are named 'jar-capped'", "a.jar", "b.jar");
    }

    @Test
    void a_jar_that_is_not_a_plugin_exits_2() throws IOException {
        jar("library.jar", Map.of()); // a valid jar with classes but no services file
        assertClear(plugins(), 2, "library.jar is not a tcpsim plugin", "META-INF/services/");
    }

    @Test
    void a_plugin_that_throws_while_it_loads_exits_2() throws IOException {
        jar("throws.jar", Map.of(TestJars.CC, List.of(JarCongestionType.ThrowsOnCreate.class.getName())));
        assertClear(plugins(), 2, "throws.jar", JarCongestionType.ThrowsOnCreate.class.getName(),
                "threw while it was created", "cannot start");
    }

    @Test
    void a_missing_class_exits_2() throws IOException {
        jar("gone.jar", Map.of(TestJars.CC, List.of("org.example.Gone")));
        assertClear(plugins(), 2, "gone.jar", "org.example.Gone", "missing from the jar");
    }

    private Cli.Result bulkWith(String congestion) {
        Path exp = Cli.write(tmp, congestion + ".json", """
                {"name": "%s", "duration": "1s",
                 "topology": {"nodes": [{"name": "a", "kind": "host", "address": "10.0.0.1"},
                                        {"name": "b", "kind": "host", "address": "10.0.0.2"}],
                              "links": [{"a": "a", "b": "b", "rate": "10Mbps", "delay": "5ms"}]},
                 "workloads": [{"type": "bulk", "from": "a", "to": "b", "duration": "1s",
                                "congestion_control": "%s"}]}
                """.formatted(congestion, congestion));
        return Cli.run("--plugins", tmp.resolve("plugins").toString(), "run", exp.toString(), "--out",
                tmp.resolve("out").toString());
    }

    @Test
    void a_plugin_that_throws_during_a_run_fails_the_run_naming_its_jar_and_method_exit_1() throws IOException {
        jar("bug.jar", Map.of(TestJars.CC, List.of(JarCongestionType.ThrowsInCongAvoid.class.getName())));
        Cli.Result r = bulkWith("jar-throws");
        assertClear(r, 1, "run failed", "cong_avoid failed on purpose", "thrown in plugin code from",
                "bug.jar", "congAvoid");
        assertFalse(Files.exists(tmp.resolve("out/jar-throws/run-s1/run.json")), "no result that looks complete");
    }

    @Test
    void a_class_missing_when_the_plugin_runs_fails_the_run_naming_it_exit_1() throws IOException {
        // the plugin calls the simulator's own Reno: plugins see only the JDK, the API and their jar
        jar("internal.jar", Map.of(TestJars.CC, List.of(JarCongestionType.UsesTheSimulator.class.getName())));
        Cli.Result r = bulkWith("jar-internal");
        assertClear(r, 1, "NoClassDefFoundError", "org/tcpsim/tcp/congestion/Reno", "internal.jar", "congAvoid");
    }
}
