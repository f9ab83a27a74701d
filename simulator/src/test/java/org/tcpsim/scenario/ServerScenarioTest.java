package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** The server workload's pace: accept_rate, service_time with workers, and accept() retried after EMFILE. */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class ServerScenarioTest {
    private static String experiment(String duration, String hosts, String server, String clients) {
        return """
                {
                  "name": "server",
                  "duration": "%DURATION%",
                  "seeds": [1],
                  "topology": {
                    "nodes": [
                      {"name": "client", "kind": "host", "address": "10.0.0.1"},
                      {"name": "server", "kind": "host", "address": "10.0.0.2"}
                    ],
                    "links": [{"a": "client", "b": "server", "rate": "1Gbps", "delay": "1ms"}]
                  },
                  "hosts": {%HOSTS%},
                  "workloads": [
                    {"type": "server", "host": "server", "port": 80, "request_bytes": 100, "response_bytes": 100%SERVER%},
                    %CLIENTS%
                  ]
                }
                """.replace("%DURATION%", duration).replace("%HOSTS%", hosts).replace("%SERVER%", server)
                .replace("%CLIENTS%", clients);
    }

    @Test
    void acceptRateLetsConnectionsWaitInTheAcceptQueue(@TempDir Path tmp) {
        // 50 connections/s for 2 s against accept() at most 10/s. The first handshake completes at 3 ms and
        // is accepted at once; then one accept every 100 ms: at 0.003 + k/10 s. By t = 2 s all 100 handshakes
        // are done (the last at 1.983 s) and 20 accepted; by the end (4 s) 40.
        ExperimentRun run = ExperimentRun.run(tmp, "server", experiment("4s", "", ", \"accept_rate\": \"10/s\"",
                "{\"type\": \"connect-storm\", \"from\": \"client\", \"to\": \"server:80\", \"rate\": \"50/s\", "
                        + "\"stop\": \"2s\"}"));
        assertEquals(40, run.count("server.accepted"));
        assertEquals(80.0, run.series("server", "server.accept_queue").get(2.0));
        assertEquals(80, run.count("server.max_accept_queue"));
        assertEquals(60, run.count("server.accept_queue"));
        assertEquals(40, run.count("connect-storm.ok"), "answered once accepted");
        assertEquals(60, run.count("connect-storm.open"));
        assertEquals(0, run.count("server.accept_errors.EMFILE"));
    }

    @Test
    void serviceTimeHoldsAWorkerPerConnection(@TempDir Path tmp) {
        // 10 connections in the first 90 ms, 2 workers, 100 ms per request: served two at a time, so the
        // last one (started at 90 ms) waits 4 rounds and is answered in the 5th, after 0.5 s (+ up to
        // ~5 ms per round of handshake and close).
        ExperimentRun run = ExperimentRun.run(tmp, "server", experiment("2s", "",
                ", \"service_time\": \"100ms\", \"workers\": 2",
                "{\"type\": \"connect-storm\", \"from\": \"client\", \"to\": \"server:80\", \"rate\": \"100/s\", "
                        + "\"count\": 10}"));
        assertEquals(10, run.count("connect-storm.ok"));
        assertEquals(10, run.count("server.responses"));
        double slowest = run.metric("connect-storm.response_time_max_s");
        assertTrue(slowest >= 0.5 - 0.09 && slowest <= 5 * 0.105 - 0.09 + 0.005, "slowest answer after " + slowest);
        for (double busy : run.series("server", "server.busy_workers").values()) {
            assertTrue(busy <= 2);
        }
    }

    @Test
    void acceptRetriesWhenADescriptorIsFreed(@TempDir Path tmp) {
        // ulimit_nofile 3: the listener and two connections. The 4 users keep 4 connections coming, so the
        // third and fourth wait in the accept queue behind EMFILE; each close frees a descriptor and accept()
        // is tried again. Without that retry nothing would wake the server: the users send no new SYNs.
        ExperimentRun run = ExperimentRun.run(tmp, "server", experiment("2s", "\"server\": {\"ulimit_nofile\": 3}",
                ", \"service_time\": \"50ms\", \"workers\": 10",
                "{\"type\": \"closed-loop\", \"from\": \"client\", \"to\": \"server:80\", \"clients\": 4}"));
        assertTrue(run.count("server.accept_errors.EMFILE") > 0);
        for (double fds : run.series("server", "server.fds").values()) {
            assertTrue(fds <= 3);
        }
        long ok = run.count("closed-loop.ok");
        // two at a time, each ~50 ms of service and ~2 ms until the client's FIN frees it: ~38/s
        assertTrue(ok >= 60, ok + " connections in 2 s");
        assertEquals(0, run.count("closed-loop.failed"));
        assertTrue(run.count("closed-loop.open") <= 4);
        assertEquals(Map.of("ok", ok, "open", run.count("closed-loop.open")), run.outcomes());
    }
}
