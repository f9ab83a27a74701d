package org.tcpsim.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcpsim.app.probe.ProbeWorkload;
import org.tcpsim.config.ConfigException;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.SysctlNames;

class ExperimentFileTest {
    @TempDir
    Path dir;

    private static final String TOPO = """
            "topology": {"nodes": [{"name": "c", "address": "10.0.0.1"}, {"name": "s", "address": "10.0.0.2"}],
                         "links": [{"a": "c", "b": "s", "rate": "10Mbps", "delay": "1ms"}]}""";

    private ExperimentFile write(String body) throws IOException, ConfigException {
        Path f = dir.resolve("e.json");
        Files.writeString(f, "{\"name\": \"t\", \"duration\": \"2s\", " + TOPO + ", " + body + "}");
        return ExperimentFile.load(f);
    }

    @Test
    void sweep_points_are_the_product_with_the_first_pointer_slowest_and_stable_ids() throws Exception {
        ExperimentFile f = write("""
                "seeds": [5, 7],
                "workloads": [{"type": "probe", "from": "c", "to": "s", "rate": "10/s"}],
                "sweep": {"/workloads/0/rate": ["10/s", "20/s", "30/s"], "/duration": ["1s", "2s", "3s", "4s"]}""");
        SweepPlan plan = SweepPlan.of(f);
        List<RunSpec> runs = plan.runs();
        assertEquals(3 * 4 * 2, runs.size());
        assertEquals("p00-s5", runs.get(0).runId());
        assertEquals("p00-s7", runs.get(1).runId());
        assertEquals("p11-s7", runs.get(23).runId());
        // point 5 = rate index 1, duration index 1
        RunSpec p5 = runs.get(10);
        assertEquals(5, p5.pointIndex());
        assertEquals(TextNode.valueOf("20/s"), p5.params().get("/workloads/0/rate"));
        assertEquals(2_000_000_000L, p5.experiment().durationNs());
        assertEquals(20.0, ((ProbeWorkload) p5.experiment().workloads().get(0)).rate());
    }

    @Test
    void shards_partition_the_runs() throws Exception {
        ExperimentFile f = write("""
                "seeds": [1, 2, 3], "sweep": {"/duration": ["1s", "2s", "3s"]}""");
        SweepPlan plan = SweepPlan.of(f);
        Set<String> seen = new HashSet<>();
        List<String> all = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            for (RunSpec r : plan.shard(i, 4)) {
                assertTrue(seen.add(r.runId()), "run in two shards: " + r.runId());
                all.add(r.runId());
            }
        }
        assertEquals(plan.runs().size(), all.size());
        assertThrows(IllegalArgumentException.class, () -> plan.shard(5, 4));
    }

    @Test
    void overrides_create_missing_objects_and_reach_sysctls_by_pointer() throws Exception {
        ExperimentFile f = write("\"hosts\": {}");
        Experiment e = f.resolve(Map.of("/hosts/c/sysctl/net.ipv4.tcp_tw_reuse", IntNode.valueOf(1)));
        assertEquals(1, e.host("c").sysctls().getInt(SysctlNames.TCP_TW_REUSE));
        assertEquals(2, e.host("s").sysctls().getInt(SysctlNames.TCP_TW_REUSE), "Linux 6.x default");
    }

    @Test
    void a_sweep_value_that_breaks_a_point_is_reported_with_that_point() throws Exception {
        ExperimentFile f = write("\"sweep\": {\"/hosts/c/sysctl/net.ipv4.tcp_tw_reuse\": [1, 7]}");
        ConfigException e = assertThrows(ConfigException.class, () -> SweepPlan.of(f));
        assertEquals(1, e.problems().size());
        assertTrue(e.getMessage().contains("sweep point 1"), e.getMessage());
        assertTrue(e.getMessage().contains("/hosts/c/sysctl/net.ipv4.tcp_tw_reuse"), e.getMessage());
    }

    /** An experiment file NAME with links c-s (10 Mbps, 1 ms, and {@code first}'s fields) and s-r (and {@code second}'s). */
    private Path twoLinks(String name, String first, String second) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, """
                {"name": "t", "duration": "2s",
                 "topology": {"nodes": [{"name": "c", "address": "10.0.0.1"}, {"name": "s", "address": "10.0.0.2"},
                                        {"name": "r", "address": "10.0.0.3"}],
                              "links": [{"a": "c", "b": "s", "rate": "10Mbps", "delay": "1ms", FIRST},
                                        {"a": "s", "b": "r", "rate": "10Mbps", "delay": "1ms", SECOND}]}}"""
                .replace("FIRST", first).replace("SECOND", second));
        return f;
    }

    @Test
    void loss_at_is_wire_by_default_and_a_direction_inherits_or_overrides_the_links() throws Exception {
        Path f = twoLinks("l.json", "\"loss\": 0.1, \"loss_at\": \"enqueue\", \"b_to_a\": {\"loss_at\": \"wire\"}",
                "\"loss\": 0.1");
        List<LinkSpec> links = ExperimentFile.load(f).resolve(Map.of()).topology().links();
        assertTrue(links.get(0).aToB().lossAtEnqueue());
        assertEquals(false, links.get(0).bToA().lossAtEnqueue());
        assertEquals(false, links.get(1).aToB().lossAtEnqueue());
        Files.writeString(f, Files.readString(f).replace("\"loss_at\": \"enqueue\"", "\"loss_at\": \"queue\""));
        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentFile.load(f).resolve(Map.of()));
        assertTrue(e.getMessage().contains("loss_at"), e.getMessage());
    }

    @Test
    void framing_is_0_by_default_and_a_direction_inherits_or_overrides_the_links() throws Exception {
        Path f = twoLinks("f.json", "\"framing\": 38, \"b_to_a\": {\"framing\": 14}", "\"mtu\": 1500");
        List<LinkSpec> links = ExperimentFile.load(f).resolve(Map.of()).topology().links();
        assertEquals(38, links.get(0).aToB().framingBytes());
        assertEquals(14, links.get(0).bToA().framingBytes());
        assertEquals(0, links.get(1).aToB().framingBytes());
        Files.writeString(f, Files.readString(f).replace("\"framing\": 38", "\"framing\": -4"));
        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentFile.load(f).resolve(Map.of()));
        assertTrue(e.getMessage().contains("/topology/links/0/framing"), e.getMessage());
    }

    @Test
    void tw_recycle_exists_only_on_the_legacy_kernel() throws Exception {
        Experiment legacy = write("""
                "hosts": {"s": {"kernel": "4.9", "sysctl": {"net.ipv4.tcp_tw_recycle": 1}}}""").resolve(Map.of());
        assertEquals(KernelVersion.V4_9, legacy.host("s").kernel());
        assertEquals(1, legacy.host("s").sysctls().getInt(SysctlNames.TCP_TW_RECYCLE));
        ConfigException e = assertThrows(ConfigException.class,
                () -> write("\"hosts\": {\"s\": {\"sysctl\": {\"net.ipv4.tcp_tw_recycle\": 1}}}"));
        assertTrue(e.getMessage().contains("4.9"), e.getMessage());
    }

    @Test
    void workloads_of_one_type_get_numbered_names_and_a_plugin_type_is_found() throws Exception {
        assertTrue(org.tcpsim.plugin.PluginRegistry.builtin().workloadTypes().containsKey("test-burst"), "test plugin via ServiceLoader");
        Experiment e = write("""
                "workloads": [{"type": "probe", "from": "c", "to": "s", "rate": "10/s"},
                              {"type": "probe", "from": "s", "to": "c", "rate": "10/s"},
                              {"type": "test-burst", "from": "c", "to": "s", "count": 3}]""").resolve(Map.of());
        assertEquals(List.of("probe-1", "probe-2", "test-burst"), e.workloads().stream().map(w -> w.name()).toList());
    }

    @Test
    void frozen_pointers_cannot_be_swept() {
        ConfigException e = assertThrows(ConfigException.class, () -> write("\"sweep\": {\"/name\": [\"x\"]}"));
        assertTrue(e.getMessage().contains("cannot be swept"), e.getMessage());
    }
}
