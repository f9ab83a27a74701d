package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * syn-flood from an attacker through a router to a server, with a legitimate client beside it.
 * Spoofed sources are addresses no node owns, so the server's SYN-ACKs have no route.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class SynFloodScenarioTest {
    private static final int BACKLOG = 128;

    private static String experiment(int syncookies, String flood, String others) {
        return """
                {
                  "name": "flood",
                  "duration": "3s",
                  "seeds": [1],
                  "topology": {
                    "nodes": [
                      {"name": "attacker", "kind": "host", "address": "10.0.1.1"},
                      {"name": "client", "kind": "host", "address": "10.0.2.1"},
                      {"name": "r", "kind": "router", "address": "10.0.0.254"},
                      {"name": "server", "kind": "host", "address": "10.0.0.1"}
                    ],
                    "links": [
                      {"a": "attacker", "b": "r", "rate": "1Gbps", "delay": "1ms"},
                      {"a": "client", "b": "r", "rate": "1Gbps", "delay": "1ms"},
                      {"a": "r", "b": "server", "rate": "1Gbps", "delay": "1ms"}
                    ]
                  },
                  "hosts": {"server": {"sysctl": {"net.ipv4.tcp_syncookies": %COOKIES%}}},
                  "workloads": [
                    {"type": "server", "host": "server", "port": 80, "backlog": %BACKLOG%, "request_bytes": 100,
                     "response_bytes": 100},
                    {"type": "syn-flood", "from": "attacker", "to": "server:80", "rate": "1000/s", "stop": "1s"%FLOOD%}%OTHERS%
                  ]
                }
                """.replace("%COOKIES%", Integer.toString(syncookies)).replace("%BACKLOG%", Integer.toString(BACKLOG))
                .replace("%FLOOD%", flood).replace("%OTHERS%", others);
    }

    @Test
    void spoofedSynsFillTheSynQueueAndNothingIsEstablished(@TempDir Path tmp) {
        // Without syncookies a listener keeps at most backlog + 1 requests (inet_csk_reqsk_queue_is_full:
        // qlen > sk_max_ack_backlog) and drops the other SYNs (TCPReqQFullDrop). The requests stay for the
        // whole run: their SYN-ACKs go nowhere and tcp_synack_retries = 5 keeps them 63 s.
        ExperimentRun run = ExperimentRun.run(tmp, "flood", experiment(0, "", ""));
        assertEquals(1000, run.count("syn-flood.sent"));
        Map<Double, Double> synQueue = run.series("server", "server.syn_queue");
        for (double t = 1; t <= 3; t++) {
            assertEquals(BACKLOG + 1.0, synQueue.get(t), "t=" + t);
            assertEquals(BACKLOG + 1.0, run.series("server", "tcp.state.SYN_RECV").get(t), "t=" + t);
        }
        for (double established : run.series("server", "tcp.state.ESTABLISHED").values()) {
            assertEquals(0.0, established, "no handshake completes");
        }
        assertEquals(0, run.counter("server", "TcpPassiveOpens"));
        assertEquals(1000 - (BACKLOG + 1), run.counter("server", "TcpExtTCPReqQFullDrop"));
        assertEquals(0, run.count("server.accepted"));
        long noRoute = run.counter("server", "IpOutNoRoutes");
        // each kept request's SYN-ACK, then its retransmissions 1 s and 3 s later (those by the end of the run)
        assertTrue(noRoute >= 2L * (BACKLOG + 1) && noRoute <= 3L * (BACKLOG + 1), noRoute + " SYN-ACKs without a route");
        assertEquals(noRoute, run.count("net.drops.no_route"));
        assertEquals(0, run.counter("attacker", "TcpOutSegs"), "raw SYNs bypass the attacker's TCP");
    }

    @Test
    void aRealClientGetsInDuringTheFloodOnlyWithSyncookies(@TempDir Path tmp) {
        String client = ",\n{\"type\": \"connect-storm\", \"from\": \"client\", \"to\": \"server:80\", \"rate\": \"10/s\", "
                + "\"start\": \"1.5s\", \"stop\": \"2.5s\"}";
        ExperimentRun without = ExperimentRun.run(tmp.resolve("without"), "flood", experiment(0, "", client));
        assertEquals(10, without.count("connect-storm.attempted"));
        assertEquals(Map.of("open", 10L), without.outcomes(), "SYNs dropped with the request queue full");
        // the initial RTO is 1 s: those that started by 2 s have retransmitted their SYN by the end (3 s)
        for (CsvTable.Row r : without.connections().rowsWhere(r -> r.number("t_start_s") < 2)) {
            assertTrue(r.integer("syn_retransmits") > 0, r.toString());
        }

        ExperimentRun with = ExperimentRun.run(tmp.resolve("with"), "flood", experiment(1, "", client));
        assertEquals(Map.of("ok", 10L), with.outcomes(), "a SYN cookie lets each one in");
        assertEquals(10, with.count("server.accepted"));
        assertEquals(BACKLOG + 1.0, with.series("server", "server.syn_queue").get(2.0), "the flood still fills the queue");
        assertTrue(with.counter("server", "TcpExtSyncookiesSent") >= 1000 - (BACKLOG + 1));
    }

    @Test
    void unspoofedSynsAreResetByTheAttackersOwnKernel(@TempDir Path tmp) {
        // The SYN-ACKs reach the attacker, whose kernel has no socket for them and answers with a RST,
        // which removes the request: each lives one RTT (4 ms) so about 4 are pending at 1000/s, and
        // none once the flood stops.
        ExperimentRun run = ExperimentRun.run(tmp, "flood", experiment(1, ", \"spoof\": \"none\"", ""));
        assertEquals(1000, run.count("syn-flood.sent"));
        Map<Double, Double> synQueue = run.series("server", "server.syn_queue");
        assertTrue(run.max("server", "server.syn_queue") <= 5, synQueue.toString());
        assertEquals(0.0, synQueue.get(2.0));
        assertEquals(0.0, synQueue.get(3.0));
        assertEquals(1000, run.counter("attacker", "TcpOutRsts"));
        assertEquals(0, run.counter("server", "IpOutNoRoutes"));
    }
}
