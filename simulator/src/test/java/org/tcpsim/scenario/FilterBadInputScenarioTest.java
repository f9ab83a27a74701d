package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
 * A bad host filter is answered like any bad input: exit status 2 and FILE:LINE:COL: at POINTER:
 * what was expected, on stderr; no stack trace, no results.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class FilterBadInputScenarioTest {
    private static final String GOOD = """
            {
              "name": "filters",
              "duration": "2s",
              "topology": {
                "nodes": [
                  {"name": "client", "kind": "host", "address": "10.0.0.1"},
                  {"name": "r", "kind": "router", "address": "10.0.0.254"},
                  {"name": "server", "kind": "host", "address": "10.0.0.2"}
                ],
                "links": [
                  {"a": "client", "b": "r", "rate": "10Mbps", "delay": "1ms"},
                  {"a": "r", "b": "server", "rate": "10Mbps", "delay": "1ms"}
                ]
              },
              "hosts": {
                "server": {"cpus": 2, "packets_per_second": 100000, "filters": [
                  {"name": "final-ack", "direction": "in", "protocol": "tcp", "dst_port": 80,
                   "flags": "ACK", "flags_exact": true, "payload": "empty", "p": 0.5},
                  {"direction": "out", "protocol": "udp", "src_port": 9000, "start": "1s", "stop": "2s"}
                ]}
              },
              "workloads": [{"type": "probe", "from": "client", "to": "server:9000", "rate": "100/s"}]
            }
            """;

    /** One way to get a filter wrong: the pointer the error names, text it must point at, what it must say. */
    record Case(String name, String text, String pointer, String near, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        String f = "/hosts/server/filters/0";
        return Stream.of(
                new Case("unknown key", GOOD.replace("\"dst_port\": 80", "\"dst_prot\": 80"),
                        f + "/dst_prot", "\"dst_prot\": 80", "did you mean 'dst_port'"),
                new Case("unknown flag name", GOOD.replace("\"flags\": \"ACK\"", "\"flags\": \"SYNACK\""),
                        f + "/flags", "\"flags\": \"SYNACK\"", "unknown TCP flag 'SYNACK'"),
                new Case("flags on a UDP rule", GOOD.replace("\"protocol\": \"tcp\"", "\"protocol\": \"udp\""),
                        f + "/flags", "\"flags\": \"ACK\"", "TCP segments only"),
                new Case("flags_exact without flags", GOOD.replace("\"flags\": \"ACK\", ", ""),
                        f + "/flags_exact", "\"flags_exact\": true", "needs \"flags\""),
                new Case("missing direction", GOOD.replace("\"direction\": \"in\", ", ""),
                        f, "{\"name\": \"final-ack\"", "missing required field 'direction'"),
                new Case("unknown direction", GOOD.replace("\"direction\": \"in\"", "\"direction\": \"inbound\""),
                        f + "/direction", "\"direction\": \"inbound\"", "expected one of: in, out"),
                new Case("probability above 1", GOOD.replace("\"p\": 0.5", "\"p\": 1.5"),
                        f + "/p", "\"p\": 1.5", "1"),
                new Case("port out of range", GOOD.replace("\"dst_port\": 80", "\"dst_port\": 70000"),
                        f + "/dst_port", "\"dst_port\": 70000", "65535"),
                new Case("a name used twice", GOOD.replace("{\"direction\": \"out\"", "{\"name\": \"final-ack\", \"direction\": \"out\""),
                        "/hosts/server/filters/1/name", "\"name\": \"final-ack\", \"direction\": \"out\"", "used twice"),
                new Case("stop before start", GOOD.replace("\"stop\": \"2s\"", "\"stop\": \"500ms\""),
                        "/hosts/server/filters/1/stop", "\"stop\": \"500ms\"", "stops before it starts"),
                new Case("filters on a router", GOOD.replace("\"hosts\": {", "\"hosts\": {\n    \"r\": {\"filters\": "
                                + "[{\"direction\": \"in\"}]},"),
                        "/hosts/r/filters", "\"filters\": [{\"direction\": \"in\"}]", "hosts only"));
    }

    @Test
    void theGoodFileValidates(@TempDir Path tmp) {
        Path file = Cli.write(tmp, "experiment.json", GOOD);
        Cli.Result r = Cli.run("validate", file.toString());
        assertEquals(0, r.status(), r.transcript());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aBadFilterIsReportedWithFileLineColumnAndPointer(Case c, @TempDir Path tmp) {
        Path file = Cli.write(tmp, "experiment.json", c.text());
        Cli.Result r = Cli.run("validate", file.toString());
        assertEquals(2, r.status(), r.transcript());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.transcript());
        String line = r.err().lines().filter(l -> l.contains(" " + c.pointer() + ": ")).findFirst().orElse(null);
        assertNotNull(line, c.name() + ": no line names " + c.pointer() + " in:\n" + r.err());
        boolean located = false;
        for (String lc : locations(c.text(), c.near())) {
            located |= line.startsWith(file + ":" + lc + ": at " + c.pointer() + ": ");
        }
        assertTrue(located, c.name() + ": expected " + file + ":" + locations(c.text(), c.near()) + " in: " + line);
        assertTrue(line.contains(c.expected()), c.name() + ": expected \"" + c.expected() + "\" in: " + line);

        Path out = tmp.resolve("out");
        Cli.Result run = Cli.run("run", file.toString(), "--out", out.toString());
        assertEquals(2, run.status(), run.transcript());
        assertFalse(Files.exists(out), "no results for a bad file");
    }

    /** LINE:COL of where {@code near} starts and, for a member "key": value, of where its value starts. */
    private static List<String> locations(String text, String near) {
        int at = text.indexOf(near);
        assertTrue(at >= 0 && text.indexOf(near, at + 1) < 0, "must occur exactly once: " + near);
        List<String> out = new ArrayList<>(List.of(position(text, at)));
        if (near.startsWith("\"")) {
            int colon = text.indexOf(':', text.indexOf('"', at + 1));
            int value = colon + 1;
            while (text.charAt(value) == ' ') {
                value++;
            }
            out.add(position(text, value));
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
}
