package org.tcpsim.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcpsim.plugin.jarred.JarCongestionType;
import org.tcpsim.plugin.jarred.JarWorkloadType;
import org.tcpsim.plugin.jarred.NotAPlugin;
import org.tcpsim.tcp.congestion.Cubic;
import org.tcpsim.tcp.congestion.Reno;

/**
 * Loading plugin jars the way Linux registers modules: found by name, from a jar of their own,
 * and every way a jar can be wrong refused with a message naming the jar and the class.
 */
class PluginRegistryTest {
    @TempDir
    Path dir;

    @Test
    void the_built_in_modules_are_found_by_name_and_each_socket_gets_its_own_instance() {
        PluginRegistry r = PluginRegistry.builtin();
        // sorted by name; test-fixed4 and test-record are the test classpath's own modules
        assertEquals(List.of("bbr", "cubic", "reno", "test-fixed4", "test-record"), List.copyOf(r.congestionControls().keySet()));
        assertInstanceOf(Reno.class, r.congestionDefaults("reno").factory().create());
        assertInstanceOf(Cubic.class, r.congestionDefaults("cubic").factory().create());
        assertNotSame(r.congestionDefaults("cubic").factory().create(), r.congestionDefaults("cubic").factory().create());
        assertEquals("built-in", r.info(PluginKind.CONGESTION_CONTROL, "cubic").source());
        assertEquals(9, r.info(PluginKind.CONGESTION_CONTROL, "cubic").parameters().size(), "tcp_cubic.c's module parameters");
        assertThrows(UnsupportedOperationException.class, () -> r.congestionControls().remove("reno"));
        assertThrows(IllegalArgumentException.class, () -> r.congestionDefaults("vegas"));
    }

    @Test
    void a_jar_adds_its_plugins_with_their_parameters_and_source() throws IOException {
        Path jar = TestJars.build(dir.resolve("p.jar"), Map.of(TestJars.CC, List.of(JarCongestionType.class.getName()),
                TestJars.WORKLOAD, List.of(JarWorkloadType.class.getName())));
        PluginRegistry r = PluginRegistry.load(List.of(jar));
        PluginInfo cc = r.info(PluginKind.CONGESTION_CONTROL, "jar-capped");
        assertEquals(jar.toString(), cc.source());
        assertEquals("cap", cc.parameters().get(0).name());
        assertTrue(r.workloadTypes().containsKey("jar-ticks"));
        assertTrue(r.congestionControls().containsKey("cubic"), "the built-ins stay");
        assertEquals("built-in", r.info(PluginKind.WORKLOAD, "bulk").source());
    }

    private String refused(Map<String, List<String>> services) throws IOException {
        Path jar = TestJars.build(dir.resolve("bad.jar"), services);
        return assertThrows(PluginException.class, () -> PluginRegistry.load(List.of(jar))).getMessage();
    }

    @Test
    void two_plugins_with_one_name_are_refused_naming_both() throws IOException {
        Path a = TestJars.build(dir.resolve("a.jar"), Map.of(TestJars.CC, List.of(JarCongestionType.class.getName())));
        Path b = TestJars.build(dir.resolve("b.jar"), Map.of(TestJars.CC, List.of(JarCongestionType.SameName.class.getName())));
        String msg = assertThrows(PluginException.class, () -> PluginRegistry.load(List.of(a, b))).getMessage();
        assertTrue(msg.contains("two congestion controls are named 'jar-capped'") && msg.contains("a.jar")
                && msg.contains("b.jar"), msg);
        String builtin = refused(Map.of(TestJars.CC, List.of(JarCongestionType.NamedCubic.class.getName())));
        assertTrue(builtin.contains("named 'cubic'") && builtin.contains("built-in") && builtin.contains("bad.jar"), builtin);
    }

    @Test
    void a_jar_that_is_not_a_plugin_is_refused() throws IOException {
        String none = refused(Map.of());
        assertTrue(none.contains("is not a tcpsim plugin") && none.contains(TestJars.CC), none);
        String internal = refused(Map.of("org.tcpsim.app.WorkloadType", List.of(NotAPlugin.class.getName())));
        assertTrue(internal.contains("internal types, not the plugin API"), internal);
        Path text = Files.writeString(dir.resolve("text.jar"), "not a zip");
        String notZip = assertThrows(PluginException.class, () -> PluginRegistry.load(List.of(text))).getMessage();
        assertTrue(notZip.contains("text.jar is not a plugin jar"), notZip);
    }

    @Test
    void a_missing_class_a_class_of_the_wrong_kind_and_a_plugin_that_throws_are_refused() throws IOException {
        String missing = refused(Map.of(TestJars.CC, List.of("org.example.Gone")));
        assertTrue(missing.contains("org.example.Gone") && missing.contains("missing from the jar"), missing);
        String wrong = refused(Map.of(TestJars.LOSS, List.of(NotAPlugin.class.getName())));
        assertTrue(wrong.contains("does not implement " + TestJars.LOSS), wrong);
        String ctor = refused(Map.of(TestJars.CC, List.of(JarCongestionType.ThrowsOnCreate.class.getName())));
        assertTrue(ctor.contains("threw while it was created") && ctor.contains("cannot start"), ctor);
        String name = refused(Map.of(TestJars.CC, List.of(JarCongestionType.ThrowsInName.class.getName())));
        assertTrue(name.contains("failed in name()") && name.contains("no name"), name);
    }

    @Test
    void a_module_without_cong_avoid_or_cong_control_is_refused_when_used() throws IOException {
        Path jar = TestJars.build(dir.resolve("n.jar"), Map.of(TestJars.CC, List.of(JarCongestionType.NoHooks.class.getName())));
        PluginRegistry r = PluginRegistry.load(List.of(jar));
        String msg = assertThrows(PluginException.class, () -> r.congestionDefaults("jar-nohooks")).getMessage();
        assertTrue(msg.contains("neither congAvoid") && msg.contains("EINVAL"), msg);
    }

    @Test
    void sources_take_every_jar_of_a_directory_the_environment_list_and_plugins_beside_the_experiment()
            throws IOException {
        Path opt = TestJars.build(dir.resolve("opt/one.jar"), Map.of());
        Files.writeString(dir.resolve("opt/readme.txt"), "not a jar: ignored");
        Path env = TestJars.build(dir.resolve("env/two.jar"), Map.of());
        Path beside = TestJars.build(dir.resolve("exp/plugins/three.jar"), Map.of());
        Path experiment = Files.writeString(dir.resolve("exp/e.json"), "{}");
        List<Path> jars = PluginSources.jars(List.of(dir.resolve("opt"), opt), env.toString(), List.of(experiment));
        assertEquals(List.of(opt.toRealPath(), env.toRealPath(), beside.toRealPath()), jars, "each jar once, in order");
        String msg = assertThrows(PluginException.class,
                () -> PluginSources.jars(List.of(dir.resolve("nope")), null, List.of())).getMessage();
        assertTrue(msg.contains("--plugins") && msg.contains("no such directory or jar"), msg);
    }
}
