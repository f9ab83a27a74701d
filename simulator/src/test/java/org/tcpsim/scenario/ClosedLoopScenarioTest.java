package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** closed-loop users against a server workload, two hosts on a 1 Gbps link with 1 ms of delay each way. */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class ClosedLoopScenarioTest {
    private static String experiment(String duration, String server, String users) {
        return """
                {
                  "name": "users",
                  "duration": "%DURATION%",
                  "seeds": [1],
                  "topology": {
                    "nodes": [
                      {"name": "client", "kind": "host", "address": "10.0.0.1"},
                      {"name": "server", "kind": "host", "address": "10.0.0.2"}
                    ],
                    "links": [{"a": "client", "b": "server", "rate": "1Gbps", "delay": "1ms"}]
                  },
                  "workloads": [
                    {"type": "server", "host": "server", "port": 80, "request_bytes": 100, "response_bytes": 100%SERVER%},
                    {"type": "closed-loop", "from": "client", "to": "server:80"%USERS%}
                  ]
                }
                """.replace("%DURATION%", duration).replace("%SERVER%", server).replace("%USERS%", users);
    }

    @Test
    void nUsersNeverHoldMoreThanNConnections(@TempDir Path tmp) {
        // A server with one worker and 100 ms per request is the bottleneck: the 5 users queue behind it,
        // so all 5 are connected most of the time, and never more.
        ExperimentRun run = ExperimentRun.run(tmp, "users", experiment("10s",
                ", \"service_time\": \"100ms\", \"workers\": 1",
                ", \"clients\": 5, \"think_time\": \"10ms\", \"think_distribution\": \"exponential\""));
        Map<Double, Double> open = run.series("client", "closed-loop.open");
        Map<Double, Double> established = run.series("client", "tcp.state.ESTABLISHED");
        Map<Double, Double> synSent = run.series("client", "tcp.state.SYN_SENT");
        for (double t : open.keySet()) {
            assertTrue(open.get(t) <= 5, "t=" + t + ": " + open.get(t) + " open");
            assertTrue(established.get(t) + synSent.get(t) <= 5, "t=" + t + ": client sockets not yet closed");
            assertTrue(run.series("server", "server.busy_workers").get(t) <= 1, "t=" + t);
            assertTrue(run.series("server", "server.accept_queue").get(t) <= 4, "t=" + t);
        }
        assertEquals(5.0, run.max("client", "closed-loop.open"), "the users do saturate");
        assertEquals(5, run.count("closed-loop.clients"));

        // one connection per 100 ms of service, plus the ~2 ms until the client's FIN frees the worker
        long ok = run.count("closed-loop.ok");
        assertTrue(ok >= Math.floor(10 / 0.105) - 5 && ok <= 100, ok + " connections in 10 s");
        assertEquals(0, run.count("closed-loop.failed"));
        assertEquals(run.count("closed-loop.attempted"), ok + run.count("closed-loop.open"));
        assertEquals(ok + run.count("closed-loop.open"), run.connections().size(), "a row per attempt");
        // waiting for the worker shows in the response time: the 4 other users' service ahead of each, then its own
        double p50 = run.metric("closed-loop.response_time_p50_s");
        assertTrue(p50 >= 0.45 && p50 <= 5 * 0.105, "queued behind the other users: p50 " + p50);
    }

    @Test
    void fixedThinkTimeSpacesEachUsersConnections(@TempDir Path tmp) {
        // Each connection takes 2 RTTs and a little serialisation (4.004 ms: handshake, then request and
        // response), then the user thinks exactly 100 ms. User 0 starts at 0 s and user 1 at 50 ms (users
        // are spread over one think time), so in the 1 s run each starts 10 connections, the last at
        // 0.936 s and 0.986 s, all done before the end.
        ExperimentRun run = ExperimentRun.run(tmp, "users", experiment("1s", "",
                ", \"clients\": 2, \"think_time\": \"100ms\", \"think_distribution\": \"fixed\""));
        assertEquals(20, run.count("closed-loop.attempted"));
        assertEquals(20, run.count("closed-loop.ok"));
        double response = run.metric("closed-loop.response_time_max_s");
        assertEquals(response, run.metric("closed-loop.response_time_p50_s"), 1e-12, "every exchange alike");
        double cycle = response + 0.1;
        for (CsvTable.Row r : run.connections().rows()) {
            double phase = r.number("t_start_s") % cycle; // user 0: 0, user 1: 50 ms
            double off = Math.min(Math.min(phase, cycle - phase), Math.abs(phase - 0.05));
            assertTrue(off < 1e-6, "starts a whole number of (response + think time) after its user began: " + r);
        }
    }

    @Test
    void severalRequestsPerConnectionAreEachAnswered(@TempDir Path tmp) {
        // the server closes after the third response, so the client (closer server) reads three answers
        // and then the server's FIN; the server holds the TIME_WAIT
        ExperimentRun run = ExperimentRun.run(tmp, "users", experiment("2s",
                ", \"close\": \"after_response\", \"requests\": 3",
                ", \"clients\": 2, \"think_time\": \"50ms\", \"requests\": 3, \"closer\": \"server\", \"stop\": \"1s\""));
        long ok = run.count("closed-loop.ok");
        assertTrue(ok > 10, ok + " connections");
        assertEquals(ok, run.count("closed-loop.attempted"));
        assertEquals(3 * ok, run.count("server.responses"));
        for (CsvTable.Row r : run.connections().rows()) {
            assertEquals(300, r.integer("bytes_received"), r.toString());
            assertEquals(300, r.integer("bytes_sent"), r.toString());
        }
        assertEquals((double) ok, run.series("server", "tcp.state.TIME_WAIT").get(2.0));
        assertEquals(0.0, run.series("client", "tcp.state.TIME_WAIT").get(2.0));
    }
}
