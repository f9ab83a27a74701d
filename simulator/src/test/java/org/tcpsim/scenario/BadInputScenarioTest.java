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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad experiment files are answered like a compiler would: exit status 2, and on stderr the
 * file, LINE:COLUMN, the JSON Pointer of the offending value and what was expected; never a
 * stack trace, and never a result directory.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class BadInputScenarioTest {
    /** A valid experiment; each case breaks one thing in it. */
    private static final String GOOD = """
            {
              "name": "bad-input",
              "duration": "2s",
              "seeds": [1],
              "topology": {
                "nodes": [
                  {"name": "a", "kind": "host", "address": "10.0.0.1"},
                  {"name": "b", "kind": "router", "address": "10.0.0.2"},
                  {"name": "c", "kind": "host", "address": "10.0.0.3"}
                ],
                "links": [
                  {"a": "a", "b": "b", "rate": "10Mbps", "delay": "1ms", "queue": "100p"},
                  {"a": "b", "b": "c", "rate": "10Mbps", "delay": "1ms"}
                ]
              },
              "hosts": {"a": {"sysctl": {"net.ipv4.tcp_tw_reuse": 1}}},
              "workloads": [{"type": "probe", "from": "a", "to": "10.0.0.3:9000", "rate": "100/s"}],
              "sweep": {"/topology/links/0/delay": ["1ms", "2ms"]}
            }
            """;

    /**
     * One way to get an experiment wrong.
     *
     * @param text     the broken file
     * @param pointer  the JSON Pointer the error must name
     * @param near     text whose position in the file the error must give: its start, or, when it is
     *                 an object member ("key": value), the start of its key or of its value
     * @param expected what the message must say (what was expected, or a did-you-mean)
     */
    record Case(String name, String text, String pointer, String near, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("JSON syntax error", GOOD.replace("\"seeds\": [1],", "\"seeds\": [1 2],"),
                        "/seeds/1", "2],", "invalid JSON"),
                new Case("unknown key", GOOD.replace("\"queue\": \"100p\"", "\"queu\": \"100p\""),
                        "/topology/links/0/queu", "\"queu\": \"100p\"", "did you mean 'queue'"),
                new Case("rate without a unit", GOOD.replace("\"rate\": \"10Mbps\", \"delay\": \"1ms\", \"queue\"",
                                "\"rate\": \"100\", \"delay\": \"1ms\", \"queue\""),
                        "/topology/links/0/rate", "\"rate\": \"100\"", "with a unit"),
                new Case("dangling node name in a link", GOOD.replace("{\"a\": \"b\", \"b\": \"c\"",
                                "{\"a\": \"b\", \"b\": \"d\""),
                        "/topology/links/1/b", "\"b\": \"d\"", "no node named 'd'"),
                new Case("unknown sysctl", GOOD.replace("\"net.ipv4.tcp_tw_reuse\": 1",
                                "\"net.ipv4.tcp_tw_reuse\": 1, \"net.ipv4.tcp_bogus_knob\": 3"),
                        "/hosts/a/sysctl/net.ipv4.tcp_bogus_knob", "\"net.ipv4.tcp_bogus_knob\": 3",
                        "unknown sysctl 'net.ipv4.tcp_bogus_knob'"),
                new Case("misspelt sysctl", GOOD.replace("\"net.ipv4.tcp_tw_reuse\": 1", "\"net.ipv4.tcp_tw_reuze\": 1"),
                        "/hosts/a/sysctl/net.ipv4.tcp_tw_reuze", "\"net.ipv4.tcp_tw_reuze\": 1",
                        "did you mean 'net.ipv4.tcp_tw_reuse'"),
                new Case("probe between hosts no link connects", GOOD.replace(
                                ",\n      {\"a\": \"b\", \"b\": \"c\", \"rate\": \"10Mbps\", \"delay\": \"1ms\"}", ""),
                        "/workloads/0/to", "\"to\": \"10.0.0.3:9000\"", "no route from 'a' to 'c'"),
                // Hosts do not forward (net.Host): a path through one is no route at all.
                new Case("probe whose only path crosses a host", GOOD.replace(
                                "{\"name\": \"b\", \"kind\": \"router\"", "{\"name\": \"b\", \"kind\": \"host\""),
                        "/workloads/0/to", "\"to\": \"10.0.0.3:9000\"", "route"),
                new Case("sweep key that is not a JSON Pointer", GOOD.replace("\"/topology/links/0/delay\": [",
                                "\"topology/links/0/delay\": ["),
                        "/sweep/topology~1links~10~1delay", "\"topology/links/0/delay\": [", "must be empty or start with '/'"),
                new Case("sweep pointer past the end of an array", GOOD.replace("\"/topology/links/0/delay\": [",
                                "\"/topology/links/5/delay\": ["),
                        "/sweep/~1topology~1links~15~1delay", "\"/topology/links/5/delay\": [", "out of bounds"),
                new Case("NAT inside prefix length out of range", GOOD.replace(
                                "{\"name\": \"b\", \"kind\": \"router\", \"address\": \"10.0.0.2\"}",
                                "{\"name\": \"b\", \"kind\": \"nat\", \"address\": \"10.0.0.2\", \"inside\": \"192.168.1.1/33\"}"),
                        "/topology/nodes/1/inside", "\"inside\"", "prefix length 1..30"),
                new Case("NAT public address inside its private network", GOOD.replace(
                                "{\"name\": \"b\", \"kind\": \"router\", \"address\": \"10.0.0.2\"}",
                                "{\"name\": \"b\", \"kind\": \"nat\", \"address\": \"10.0.0.2\", \"inside\": \"10.0.0.254\"}"),
                        "/topology/nodes/1/address", "\"address\": \"10.0.0.2\"", "lies inside the private network"),
                new Case("NAT public address range backwards", GOOD.replace(
                                "{\"name\": \"b\", \"kind\": \"router\", \"address\": \"10.0.0.2\"}",
                                "{\"name\": \"b\", \"kind\": \"nat\", \"address\": \"203.0.113.9-203.0.113.1\", "
                                        + "\"inside\": \"192.168.1.1\"}"),
                        "/topology/nodes/1/address", "\"address\": \"203.0.113.9", "range first-last"),
                new Case("NAT port selection misspelt", GOOD.replace(
                                "{\"name\": \"b\", \"kind\": \"router\", \"address\": \"10.0.0.2\"}",
                                "{\"name\": \"b\", \"kind\": \"nat\", \"address\": \"10.0.0.2\", \"inside\": \"192.168.1.1\", "
                                        + "\"port_selection\": \"randm\"}"),
                        "/topology/nodes/1/port_selection", "\"port_selection\"", "random"),
                new Case("Gilbert-Elliott given both per packet and in time", GOOD.replace("\"queue\": \"100p\"",
                                "\"queue\": \"100p\", \"loss\": {\"model\": \"gilbert-elliott\", \"p_gb\": 0.01, "
                                        + "\"p_bg\": 0.3, \"mean_good\": \"1s\", \"mean_bad\": \"20ms\"}"),
                        "/topology/links/0/loss", "{\"model\": \"gilbert-elliott\"", "not both"),
                new Case("Gilbert-Elliott bad spell of zero", GOOD.replace("\"queue\": \"100p\"",
                                "\"queue\": \"100p\", \"loss\": {\"model\": \"gilbert-elliott\", "
                                        + "\"mean_good\": \"1s\", \"mean_bad\": \"0ms\"}"),
                        "/topology/links/0/loss/mean_bad", "\"mean_bad\"", "above zero"),
                new Case("Gilbert-Elliott in time without its bad spell", GOOD.replace("\"queue\": \"100p\"",
                                "\"queue\": \"100p\", \"loss\": {\"model\": \"gilbert-elliott\", \"mean_good\": \"1s\"}"),
                        "/topology/links/0/loss", "{\"model\": \"gilbert-elliott\"", "missing required field 'mean_bad'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validateReportsFileLineColumnPointerAndWhatWasExpected(Case c, @TempDir Path tmp) {
        Path file = Cli.write(tmp, "experiment.json", c.text());
        Cli.Result r = Cli.run("validate", file.toString());
        assertEquals(2, r.status(), r.transcript());
        assertNoStackTrace(r);
        assertFalse(r.out().contains(": ok"), r.transcript());
        assertReported(r.err(), file.toString(), c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void runAndSweepOfABadFileExitWithStatusTwoAndLeaveNoResults(Case c, @TempDir Path tmp) {
        Path file = Cli.write(tmp, "experiment.json", c.text());
        Path out = tmp.resolve("out");
        for (String command : List.of("run", "sweep")) {
            Cli.Result r = Cli.run(command, file.toString(), "--out", out.toString());
            assertEquals(2, r.status(), command + ": " + r.transcript());
            assertNoStackTrace(r);
            assertTrue(r.err().contains(file.toString()), command + " names the file: " + r.transcript());
            assertFalse(Files.exists(out), command + " must not create " + out);
        }
    }

    @Test
    void validateChecksEveryFileAndReportsEachBadOne(@TempDir Path tmp) {
        Path good = Cli.write(tmp, "good.json", GOOD);
        Path unknown = Cli.write(tmp, "unknown.json", GOOD.replace("\"queue\"", "\"queu\""));
        Path dangling = Cli.write(tmp, "dangling.json", GOOD.replace("{\"a\": \"b\", \"b\": \"c\"", "{\"a\": \"b\", \"b\": \"d\""));
        Cli.Result r = Cli.run("validate", unknown.toString(), good.toString(), dangling.toString());
        assertEquals(2, r.status(), r.transcript());
        assertTrue(r.out().contains(good + ": ok (2 runs)"), r.transcript());
        assertTrue(r.err().contains(unknown + ":"), r.transcript());
        assertTrue(r.err().contains(dangling + ":"), r.transcript());
        assertNoStackTrace(r);

        Cli.Result ok = Cli.run("validate", good.toString());
        assertEquals(0, ok.status(), ok.transcript());
        assertEquals("", ok.err());
    }

    @Test
    void oneBadSweepPointStopsTheWholeSweepBeforeAnythingRuns(@TempDir Path tmp) {
        Path file = Cli.write(tmp, "experiment.json", GOOD.replace("[\"1ms\", \"2ms\"]", "[\"1ms\", \"2ms\", \"-3ms\"]"));
        Path out = tmp.resolve("out");
        Cli.Result r = Cli.run("sweep", file.toString(), "--out", out.toString(), "--jobs", "1");
        assertEquals(2, r.status(), r.transcript());
        assertNoStackTrace(r);
        assertTrue(r.err().contains("sweep point 2"), "says which point is bad: " + r.transcript());
        assertFalse(Files.exists(out), "no run of the good points may have started");
    }

    @Test
    void badSetOverrideOnRunExitsWithStatusTwoAndLeavesNoResults(@TempDir Path tmp) {
        Path file = Cli.write(tmp, "experiment.json", GOOD);
        Path out = tmp.resolve("out");
        Cli.Result r = Cli.run("run", file.toString(), "--out", out.toString(), "--set", "/topology/links/0/rate=100");
        assertEquals(2, r.status(), r.transcript());
        assertNoStackTrace(r);
        assertTrue(r.err().contains("/topology/links/0/rate") && r.err().contains("with a unit"), r.transcript());
        assertFalse(Files.exists(out));
    }

    @Test
    void relativeTopologyPathResolvesAgainstTheExperimentFilesDirectory(@TempDir Path tmp) {
        // The command runs with the JVM's working directory (the Maven module), not tmp.
        Cli.write(tmp, "topologies/pair.json", topologyOf(GOOD));
        Path exp = Cli.write(tmp, "experiments/probe.json", withTopologyPath(GOOD, "../topologies/pair.json"));
        assertFalse(Files.exists(Path.of("../topologies/pair.json")), "must not resolve from the working directory");
        Path out = tmp.resolve("out");
        Cli.Result r = Cli.run("run", exp.toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.transcript());
        CsvTable summary = CsvTable.read(out.resolve("bad-input/summary.csv"));
        assertEquals(1, summary.size());
        // 100/s for 1 s (a probe stops 1 s before the end), across a - b - c as the topology file says.
        assertEquals(100, summary.row(0).integer("probe.sent"));
        assertEquals(100, summary.row(0).integer("probe.received"), "the probe crossed the topology read from the file");
    }

    @Test
    void errorInsideAReferencedTopologyFileIsReportedWithThatFilesName(@TempDir Path tmp) {
        String topologyText = topologyOf(GOOD).replace("\"queue\": \"100p\"", "\"queue\": \"100p\", \"mtux\": 1500");
        Path topology = Cli.write(tmp, "topologies/pair.json", topologyText);
        Path exp = Cli.write(tmp, "experiments/probe.json", withTopologyPath(GOOD, "../topologies/pair.json"));
        Cli.Result r = Cli.run("validate", exp.toString());
        assertEquals(2, r.status(), r.transcript());
        assertNoStackTrace(r);
        String where = lineColumn(topologyText, "\"mtux\"");
        String line = firstLineContaining(r.err(), "/links/0/mtux");
        assertTrue(line.matches(".*" + java.util.regex.Pattern.quote("pair.json:" + where + ": at /links/0/mtux: ")
                        + ".*did you mean 'mtu'.*"), "expected pair.json:" + where + " in: " + r.transcript());
        Path reported = Path.of(line.substring(0, line.indexOf("pair.json:") + "pair.json".length()));
        assertEquals(topology.normalize(), reported.normalize(), "the topology file's own path: " + line);
        assertFalse(r.err().contains("probe.json:" + where), "not blamed on the experiment file: " + r.transcript());

        Cli.Result run = Cli.run("run", exp.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(2, run.status(), run.transcript());
        assertTrue(run.err().contains("pair.json:" + where), run.transcript());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    // --- helpers ---

    private static void assertReported(String err, String file, Case c) {
        List<String> allowed = locations(c.text(), c.near());
        String line = firstLineContaining(err, " " + c.pointer() + ":");
        assertTrue(line != null, c.name() + ": no line names the pointer " + c.pointer() + " in:\n" + err);
        boolean located = false;
        for (String lc : allowed) {
            located |= line.startsWith(file + ":" + lc + ": at " + c.pointer() + ": ");
        }
        assertTrue(located, c.name() + ": expected \"" + file + ":LINE:COL: at " + c.pointer()
                + ": ...\" with LINE:COL one of " + allowed + ", got:\n" + err);
        assertTrue(line.contains(c.expected()), c.name() + ": expected the message to say \"" + c.expected()
                + "\", got:\n" + err);
    }

    private static void assertNoStackTrace(Cli.Result r) {
        String all = r.out() + r.err();
        assertFalse(all.contains("Exception"), "no Java exception names: " + r.transcript());
        assertFalse(all.contains("at org."), "no stack frames: " + r.transcript());
        assertFalse(all.contains("\tat "), "no stack frames: " + r.transcript());
    }

    private static String firstLineContaining(String text, String needle) {
        return text.lines().filter(l -> l.contains(needle)).findFirst().orElse(null);
    }

    /** LINE:COL (1-based) where {@code needle} starts in {@code text}; it must occur once. */
    static String lineColumn(String text, String needle) {
        int at = text.indexOf(needle);
        assertTrue(at >= 0 && text.indexOf(needle, at + 1) < 0, "needle must occur exactly once: " + needle);
        return position(text, at);
    }

    /** Where {@code near} starts and, for a member "key": value, where its value starts. */
    private static List<String> locations(String text, String near) {
        int at = text.indexOf(near);
        assertTrue(at >= 0 && text.indexOf(near, at + 1) < 0, "needle must occur exactly once: " + near);
        List<String> out = new ArrayList<>(List.of(position(text, at)));
        if (near.startsWith("\"")) {
            int close = text.indexOf('"', at + 1);
            int colon = close + 1;
            while (colon < text.length() && text.charAt(colon) == ' ') {
                colon++;
            }
            if (colon < text.length() && text.charAt(colon) == ':') {
                int value = colon + 1;
                while (text.charAt(value) == ' ') {
                    value++;
                }
                out.add(position(text, value));
            }
        }
        return out;
    }

    private static String position(String text, int index) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return line + ":" + (index - lineStart + 1);
    }

    /** The "topology" object of an experiment text, as a file of its own. */
    private static String topologyOf(String experiment) {
        int start = experiment.indexOf("{", experiment.indexOf("\"topology\":"));
        int end = experiment.indexOf("\n  },\n", start) + 4;
        return experiment.substring(start, end) + "\n";
    }

    private static String withTopologyPath(String experiment, String path) {
        int start = experiment.indexOf("{", experiment.indexOf("\"topology\":"));
        int end = experiment.indexOf("\n  },\n", start) + 4;
        return experiment.substring(0, start) + "\"" + path + "\"" + experiment.substring(end);
    }
}
