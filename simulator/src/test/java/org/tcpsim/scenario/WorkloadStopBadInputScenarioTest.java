package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A workload's stop before its start is reported at the key the user wrote: at "stop" when the file gives
 * one, at "start" when stop is the default that follows the run's duration (the full fuzz campaign found the
 * message naming /workloads/N/stop, a key not in the file, after {@code --set /duration=2s}).
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class WorkloadStopBadInputScenarioTest {
    private static final String FILE = """
            {
              "name": "stops",
              "duration": "4s",
              "topology": {
                "nodes": [
                  {"name": "client", "kind": "host", "address": "10.0.0.1"},
                  {"name": "server", "kind": "host", "address": "10.0.0.2"}
                ],
                "links": [{"a": "client", "b": "server", "rate": "10Mbps", "delay": "1ms"}]
              },
              "workloads": [
                {"type": "server", "host": "server", "port": 80, "request_bytes": 100, "response_bytes": 100},
                %WORKLOAD%
              ]
            }
            """;

    private static String workload(String type, String timing) {
        String body = switch (type) {
            case "connect-storm" -> "\"rate\": \"10/s\", \"request_bytes\": 100, \"response_bytes\": 100";
            case "closed-loop" -> "\"clients\": 2";
            case "syn-flood" -> "\"rate\": \"10/s\"";
            default -> throw new IllegalArgumentException(type);
        };
        return FILE.replace("%WORKLOAD%", "{\"type\": \"" + type + "\", \"from\": \"client\", \"to\": \"server:80\", "
                + body + timing + "}");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"connect-storm", "closed-loop", "syn-flood"})
    void anExplicitStopBeforeStartIsReportedAtStop(String type, @TempDir Path tmp) {
        Path file = Cli.write(tmp, "e.json", workload(type, ", \"start\": \"2s\", \"stop\": \"1s\""));
        String line = refused(Cli.run("validate", file.toString()), "/workloads/1/stop");
        assertTrue(line.contains("stop (1s) must not be before start (2s)"), line);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"connect-storm", "closed-loop", "syn-flood"})
    void aStartAfterTheRunsEndIsReportedAtStartWhenStopIsTheDefault(String type, @TempDir Path tmp) {
        Path file = Cli.write(tmp, "e.json", workload(type, ", \"start\": \"5s\""));
        String line = refused(Cli.run("validate", file.toString()), "/workloads/1/start");
        assertTrue(line.contains("start (5s) is after the workload's default stop (4s, from the run's duration 4s)"),
                line);
        assertFalse(line.contains("/stop"), "the file has no stop: " + line);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"connect-storm", "closed-loop", "syn-flood"})
    void aDurationSetShorterThanAStartIsReportedAtStartAndWritesNothing(String type, @TempDir Path tmp) {
        Path file = Cli.write(tmp, "e.json", workload(type, ", \"start\": \"3s\""));
        assertEquals(0, Cli.run("validate", file.toString()).status(), "valid as written");
        Path out = tmp.resolve("out");
        Cli.Result r = Cli.run("run", file.toString(), "--set", "/duration=2s", "--out", out.toString());
        String line = refused(r, "/workloads/1/start");
        assertTrue(line.contains("from the run's duration 2s"), line);
        assertFalse(Files.exists(out), "no results for a refused run");
    }

    /** Exit 2, no stack trace, and the stderr line that names {@code pointer}. */
    private static String refused(Cli.Result r, String pointer) {
        assertEquals(2, r.status(), r.transcript());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.transcript());
        String line = r.err().lines().filter(l -> l.contains(" at " + pointer + ": ")).findFirst().orElse(null);
        assertNotNull(line, "no line names " + pointer + " in:\n" + r.err());
        return line;
    }
}
