package org.tcpsim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConfigNodeTest {

    private final Problems sink = new Problems();

    private ConfigNode root(String... lines) throws ConfigException {
        return ConfigNode.root(LocatedDocument.parse("exp.json", String.join("\n", lines)), sink);
    }

    private List<String> messages() {
        return sink.list().stream().map(ConfigProblem::format).collect(Collectors.toList());
    }

    @Test
    void reads_typed_fields_of_a_link() throws Exception {
        ConfigNode link = root("{\"a\": \"client\", \"rate\": \"1Gbps\", \"delay\": \"100us\", \"queue\": \"1000p\",",
                " \"mtu\": 1500, \"loss\": {\"model\": \"bernoulli\", \"p\": 0.01}, \"enabled\": 1}");
        assertEquals("client", link.requireString("a"));
        assertEquals(1_000_000_000L, link.requireRateBps("rate"));
        assertEquals(100_000L, link.requireDurationNs("delay"));
        assertEquals(QueueLimit.ofPackets(1000), link.optQueueLimit("queue", QueueLimit.ofPackets(1)));
        assertEquals(1500, link.optInt("mtu", 1500, 68, 65535));
        ConfigNode loss = link.optObject("loss");
        assertEquals("bernoulli", loss.requireEnum("model", "bernoulli", "gilbert-elliott"));
        assertEquals(0.01, loss.optProbability("p", 0.0));
        loss.finish();
        assertTrue(link.optBool("enabled", false));
        link.finish();
        assertTrue(sink.isEmpty(), messages().toString());
    }

    @Test
    void absent_optional_fields_take_defaults_silently() throws Exception {
        ConfigNode n = root("{}");
        assertEquals(7L, n.optDurationNs("delay", 7L));
        assertEquals(8L, n.optRateBps("rate", 8L));
        assertEquals(9L, n.optSizeBytes("size", 9L));
        assertEquals(2.5, n.optEventRate("rate2", 2.5));
        assertEquals("x", n.optString("s", "x"));
        assertEquals("fixed", n.optEnum("arrival", "fixed", "fixed", "poisson"));
        assertEquals(List.of(), n.optArray("seeds"));
        assertEquals(List.of(), n.optLongList("ports", 1, 65535));
        assertTrue(n.optObject("loss").isMissing());
        n.finish();
        assertTrue(sink.isEmpty(), messages().toString());
    }

    @Test
    void duration_given_as_a_number_is_reported_with_location_and_default_kept() throws Exception {
        ConfigNode root = root("{",
                "  \"links\": [",
                "    {\"delay\": 200}",
                "  ]",
                "}");
        ConfigNode link = root.requireArray("links").get(0);
        assertEquals(5L, link.optDurationNs("delay", 5L));
        assertEquals(List.of("exp.json:3:15: at /links/0/delay: expected a duration with a unit (ns, us, ms, s, min,"
                + " h), e.g. \"200ms\"; got 200 (a number)"), messages());
    }

    @Test
    void every_error_in_a_file_is_reported_in_one_pass() throws Exception {
        ConfigNode n = root("{\"duration\": \"70\", \"rate\": 1000, \"queue\": \"1000\", \"p\": 1.5,",
                " \"accept\": \"yes\", \"port\": 70000, \"arrival\": \"fixd\", \"name\": 5}");
        assertEquals(0L, n.requireDurationNs("duration"));
        assertEquals(0L, n.requireRateBps("rate"));
        assertNull(n.requireQueueLimit("queue"));
        assertEquals(0.0, n.optProbability("p", 0.0));
        assertFalse(n.optBool("accept", false));
        assertEquals(80, n.optInt("port", 80, 1, 65535));
        assertEquals("fixed", n.optEnum("arrival", "fixed", "fixed", "poisson"));
        assertNull(n.requireString("name"));
        n.finish();
        assertEquals(List.of(
                "exp.json:1:14: at /duration: expected a duration with a unit (ns, us, ms, s, min, h), e.g. \"200ms\";"
                        + " got \"70\"",
                "exp.json:1:28: at /rate: expected a rate in bits per second with a unit (bps, kbps, Mbps, Gbps, Tbps),"
                        + " e.g. \"100Mbps\"; got 1000 (a number)",
                "exp.json:1:43: at /queue: expected a queue limit in packets or as a size, e.g. \"1000p\" or \"64KiB\";"
                        + " got \"1000\"",
                "exp.json:1:56: at /p: expected a number between 0 and 1; got 1.5",
                "exp.json:2:12: at /accept: expected true or false (or 1 or 0); got \"yes\" (a string)",
                "exp.json:2:27: at /port: expected an integer between 1 and 65535; got 70000",
                "exp.json:2:45: at /arrival: expected one of: fixed, poisson; got \"fixd\" (a string);"
                        + " did you mean 'fixed'?",
                "exp.json:2:61: at /name: expected a string; got 5 (a number)"), messages());
    }

    @Test
    void missing_required_field_is_reported_at_its_object() throws Exception {
        ConfigNode root = root("{\"workloads\": [", "  {\"type\": \"server\"}", "]}");
        ConfigNode w = root.requireArray("workloads").get(0);
        assertNull(w.requireString("host"));
        assertEquals(0, w.requireInt("port", 1, 65535));
        assertEquals(List.of("exp.json:2:3: at /workloads/0: missing required field 'host'",
                "exp.json:2:3: at /workloads/0: missing required field 'port'"), messages());
    }

    @Test
    void children_of_a_missing_or_wrong_value_do_not_cascade() throws Exception {
        ConfigNode root = root("{\"topology\": \"inline-please\"}");
        ConfigNode absent = root.get("loss");
        assertNull(absent.requireString("model"));
        assertEquals(0.0, absent.get("deep").get("er").asProbability());
        assertTrue(sink.isEmpty(), "an absent optional object has no required children: " + messages());

        ConfigNode topology = root.requireObject("topology");
        assertTrue(topology.isMissing());
        assertEquals(List.of(), topology.requireArray("nodes"));
        assertEquals(List.of("exp.json:1:14: at /topology: expected an object; got \"inline-please\" (a string)"),
                messages());
    }

    @Test
    void required_object_missing_is_reported_once() throws Exception {
        ConfigNode root = root("{}");
        ConfigNode topology = root.requireObject("topology");
        topology.requireArray("nodes");
        topology.requireArray("links");
        assertEquals(List.of("exp.json:1:1: at /: missing required field 'topology'"), messages());
    }

    @Test
    void key_reads_on_a_non_object_say_an_object_was_expected() throws Exception {
        ConfigNode hosts = root("{\"hosts\": [1, 2]}").get("hosts");
        assertEquals(3L, hosts.optLong("x", 3L, 0, 10));
        assertEquals(Map.of(), hosts.entries());
        hosts.finish();
        assertEquals(List.of("exp.json:1:11: at /hosts: expected an object; got an array"), messages());
    }

    @Test
    void entries_keep_document_order_and_sysctl_names_with_dots() throws Exception {
        ConfigNode root = root("{\"sysctl\": {",
                "  \"net.ipv4.tcp_tw_reuse\": 1,",
                "  \"net.ipv4.ip_local_port_range\": \"40000 40099\",",
                "  \"net.core.somaxconn\": \"lots\"",
                "}}");
        ConfigNode sysctl = root.get("sysctl");
        Map<String, ConfigNode> entries = sysctl.entries();
        assertEquals(List.of("net.ipv4.tcp_tw_reuse", "net.ipv4.ip_local_port_range", "net.core.somaxconn"),
                List.copyOf(entries.keySet()));
        assertEquals("/sysctl/net.ipv4.tcp_tw_reuse", entries.get("net.ipv4.tcp_tw_reuse").pointer());
        assertEquals("40000 40099", entries.get("net.ipv4.ip_local_port_range").asString());
        entries.get("net.core.somaxconn").asInt(0, Integer.MAX_VALUE);
        sysctl.finish();
        root.finish();
        assertEquals(List.of("exp.json:4:25: at /sysctl/net.core.somaxconn: expected an integer >= 0;"
                + " got \"lots\" (a string)"), messages());
    }

    @Test
    void unknown_field_suggests_the_close_key_and_points_at_the_key() throws Exception {
        ConfigNode link = root("{\"rate\": \"1Gbps\",", "  \"dealy\": \"1ms\", \"colour\": \"red\"}");
        link.optRateBps("rate", 0);
        link.optDurationNs("delay", 0);
        link.optQueueLimit("queue", null);
        link.finish();
        assertEquals(List.of(
                "exp.json:2:3: at /dealy: unknown field 'dealy', did you mean 'delay'? (expected one of: rate, delay,"
                        + " queue)",
                "exp.json:2:19: at /colour: unknown field 'colour' (expected one of: rate, delay, queue)"),
                messages());
    }

    @Test
    void unknown_field_in_an_object_that_takes_none() throws Exception {
        root("{\"x\": 1}").finish();
        assertEquals(List.of("exp.json:1:2: at /x: unknown field 'x' (this object takes no fields)"), messages());
    }

    @Test
    void keys_known_through_has_mark_known_or_another_cursor_are_not_unknown() throws Exception {
        ConfigNode root = root("{\"a\": 1, \"b\": 2, \"c\": {\"d\": 3}}");
        assertTrue(root.has("a"));
        root.markKnown("b");
        root.get("c").optInt("d", 0, 0, 9);
        root.get("c").finish(); // a second cursor on /c sees what the first one read
        root.finish();
        assertTrue(sink.isEmpty(), messages().toString());
    }

    @Test
    void arrays_give_element_pointers_and_report_bad_elements() throws Exception {
        ConfigNode root = root("{\"seeds\": [1, \"two\", 3.5, 4], \"nodes\": {\"a\": 1}}");
        assertEquals(List.of(1L, 4L), root.optLongList("seeds", 0, Long.MAX_VALUE));
        assertEquals(List.of(), root.requireArray("nodes"));
        assertEquals(List.of("/seeds/0", "/seeds/1"),
                root.requireArray("seeds").stream().limit(2).map(ConfigNode::pointer).collect(Collectors.toList()));
        assertEquals(List.of(
                "exp.json:1:15: at /seeds/1: expected an integer >= 0; got \"two\" (a string)",
                "exp.json:1:22: at /seeds/2: expected an integer >= 0; got 3.5 (a number)",
                "exp.json:1:40: at /nodes: expected an array; got an object"), messages());
    }

    @Test
    void value_level_reads_on_array_elements() throws Exception {
        List<ConfigNode> values = root("[\"60s\", \"100Mbps\", \"64KiB\", 4096, \"2000/s\", \"64KiB\", true, 0]")
                .elements();
        assertEquals(60_000_000_000L, values.get(0).asDurationNs());
        assertEquals(100_000_000L, values.get(1).asRateBps());
        assertEquals(65_536L, values.get(2).asSizeBytes());
        assertEquals(4096L, values.get(3).asSizeBytes(), "a plain number of bytes is a size");
        assertEquals(2000.0, values.get(4).asEventRate());
        assertEquals(QueueLimit.ofBytes(65_536), values.get(5).asQueueLimit());
        assertTrue(values.get(6).asBool());
        assertFalse(values.get(7).asBool());
        assertTrue(sink.isEmpty(), messages().toString());
    }

    @Test
    void integral_floats_are_integers_but_fractions_are_not() throws Exception {
        ConfigNode n = root("{\"a\": 2.0, \"b\": 2.5, \"c\": 12345678901234567890}");
        assertEquals(2, n.optInt("a", 0, 0, 10));
        assertEquals(0, n.optInt("b", 0, 0, 10));
        assertEquals(-1L, n.optLong("c", -1L, Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals(List.of("exp.json:1:17: at /b: expected an integer between 0 and 10; got 2.5 (a number)",
                "exp.json:1:27: at /c: expected an integer; got 12345678901234567890"), messages());
    }

    @Test
    void null_is_a_wrong_value_not_an_absent_one() throws Exception {
        ConfigNode n = root("{\"delay\": null}");
        assertEquals(1L, n.optDurationNs("delay", 1L));
        assertTrue(n.get("delay").isNull());
        assertEquals(List.of("exp.json:1:11: at /delay: expected a duration with a unit (ns, us, ms, s, min, h),"
                + " e.g. \"200ms\"; got null"), messages());
    }

    @Test
    void require_enum_lists_allowed_values() throws Exception {
        ConfigNode n = root("{\"closer\": \"both\"}");
        assertNull(n.requireEnum("closer", "client", "server"));
        assertEquals(List.of("exp.json:1:12: at /closer: expected one of: client, server; got \"both\" (a string)"),
                messages());
    }

    @Test
    void problem_and_problem_at_use_document_locations() throws Exception {
        ConfigNode root = root("{", "  \"hosts\": {\"client\": {}}", "}");
        ConfigNode hosts = root.get("hosts");
        hosts.problemAt("client", "no such node in the topology");
        hosts.problemAt("server", "server is declared in the topology but has no host entry");
        root.problem("experiment has no workloads");
        assertEquals(List.of(
                "exp.json:2:23: at /hosts/client: no such node in the topology",
                "exp.json:2:12: at /hosts/server: server is declared in the topology but has no host entry",
                "exp.json:1:1: at /: experiment has no workloads"), messages());
    }

    @Test
    void a_swept_copy_is_reported_at_the_original_places() throws Exception {
        LocatedDocument doc = LocatedDocument.parse("exp.json", "{\n  \"links\": [{\"rate\": \"1Gbps\"}]\n}");
        ObjectNode copy = doc.root().deepCopy();
        JsonPointers.set(copy, "/links/0/rate", TextNode.valueOf("fast"));
        JsonPointers.set(copy, "/links/0/delay", TextNode.valueOf("soon"));
        ConfigNode link = ConfigNode.root(doc.withRoot(copy), sink).requireArray("links").get(0);
        link.optRateBps("rate", 0);
        link.optDurationNs("delay", 0);
        assertEquals(List.of(
                "exp.json:2:22: at /links/0/rate: expected a rate in bits per second with a unit (bps, kbps, Mbps,"
                        + " Gbps, Tbps), e.g. \"100Mbps\"; got \"fast\"",
                "exp.json:2:13: at /links/0/delay: expected a duration with a unit (ns, us, ms, s, min, h),"
                        + " e.g. \"200ms\"; got \"soon\""), messages());
    }

    @Test
    void missing_node_json_is_a_missing_node_not_null() throws Exception {
        ConfigNode n = root("{}").get("x");
        assertTrue(n.isMissing());
        assertTrue(n.json().isMissingNode());
        assertEquals("/x", n.pointer());
        assertEquals("exp.json", n.document().file());
    }
}
