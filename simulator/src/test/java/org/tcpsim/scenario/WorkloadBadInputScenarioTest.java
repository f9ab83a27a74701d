package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Mistakes in connect-storm, closed-loop, syn-flood and server entries are located like any other. */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class WorkloadBadInputScenarioTest {
    /** a - r - c, plus b, which no link reaches. */
    private static final String GOOD = """
            {
              "name": "workloads",
              "duration": "2s",
              "topology": {
                "nodes": [
                  {"name": "a", "kind": "host", "address": "10.0.0.1"},
                  {"name": "r", "kind": "router", "address": "10.0.0.254"},
                  {"name": "c", "kind": "host", "address": "10.0.1.1"},
                  {"name": "b", "kind": "host", "address": "10.0.2.1"}
                ],
                "links": [
                  {"a": "a", "b": "r", "rate": "1Gbps", "delay": "1ms"},
                  {"a": "r", "b": "c", "rate": "1Gbps", "delay": "1ms"}
                ]
              },
              "workloads": [
                {"type": "server", "host": "c", "port": 80, "service_time": "10ms", "workers": 4, "accept_rate": "100/s"},
                {"type": "connect-storm", "from": "a", "to": "10.0.1.1:80", "rate": "100/s", "closer": "client"},
                {"type": "closed-loop", "from": "a", "to": "c:80", "clients": 3, "think_time": "10ms"},
                {"type": "syn-flood", "from": "a", "to": "c:80", "rate": "100/s", "spoof": "198.18.0.0/15"}
              ]
            }
            """;

    record Case(String name, String text, String pointer, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("misspelt storm field", GOOD.replace("\"rate\": \"100/s\", \"closer\"", "\"rat\": \"100/s\", \"closer\""),
                        "/workloads/1/rat", "did you mean 'rate'"),
                new Case("storm without a port", GOOD.replace("\"10.0.1.1:80\"", "\"10.0.1.1\""),
                        "/workloads/1/to", "port"),
                new Case("storm to an unreachable host", GOOD.replace("\"10.0.1.1:80\"", "\"10.0.2.1:80\""),
                        "/workloads/1/to", "no route from 'a' to 'b'"),
                new Case("closer neither side", GOOD.replace("\"closer\": \"client\"", "\"closer\": \"both\""),
                        "/workloads/1/closer", "client"),
                new Case("closed-loop from a host that does not exist", GOOD.replace("\"from\": \"a\", \"to\": \"c:80\", \"clients\"",
                                "\"from\": \"nobody\", \"to\": \"c:80\", \"clients\""),
                        "/workloads/2/from", "'nobody' is not a host"),
                new Case("closed-loop think time without a unit", GOOD.replace("\"think_time\": \"10ms\"", "\"think_time\": 10"),
                        "/workloads/2/think_time", "unit"),
                new Case("syn-flood spoof that is not a CIDR block", GOOD.replace("198.18.0.0/15", "198.18.0.0"),
                        "/workloads/3/spoof", "CIDR"),
                new Case("syn-flood spoofing only owned addresses", GOOD.replace("198.18.0.0/15", "10.0.0.1/32"),
                        "/workloads/3/spoof", "nobody owns"),
                new Case("server that never closes yet closes after responding",
                        GOOD.replace("\"accept_rate\": \"100/s\"", "\"accept_rate\": \"100/s\", \"never_close\": true, "
                                + "\"close\": \"after_response\""),
                        "/workloads/0/never_close", "never closes"),
                new Case("server accept rate without a unit", GOOD.replace("\"accept_rate\": \"100/s\"", "\"accept_rate\": 100"),
                        "/workloads/0/accept_rate", "/s"));
    }

    @Test
    void theGoodFileIsValid(@TempDir Path tmp) {
        Path file = Cli.write(tmp, "experiment.json", GOOD);
        Cli.Result r = Cli.run("validate", file.toString());
        assertEquals(0, r.status(), r.transcript());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validateNamesTheFieldAndWhatWasExpected(Case c, @TempDir Path tmp) {
        Path file = Cli.write(tmp, "experiment.json", c.text());
        Cli.Result r = Cli.run("validate", file.toString());
        assertEquals(2, r.status(), r.transcript());
        assertFalse((r.out() + r.err()).contains("Exception"), r.transcript());
        String line = r.err().lines().filter(l -> l.contains(" at " + c.pointer() + ": ")).findFirst().orElse(null);
        assertTrue(line != null && line.startsWith(file + ":"), c.name() + ": no located line for " + c.pointer()
                + " in:\n" + r.err());
        assertTrue(line.contains(c.expected()), c.name() + ": expected \"" + c.expected() + "\" in: " + line);
    }
}
