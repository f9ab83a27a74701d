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
 * The CLOSE_WAIT leak: a server that reads to EOF but never calls close(). CLOSE_WAIT has no timer
 * (tcp_fin only moves the socket there; only close() leaves it), so every such socket stays for the
 * whole run, each holding a descriptor until the server hits EMFILE; the clients, which closed
 * first, sit in FIN_WAIT2 as orphans and are gone tcp_fin_timeout later (tcp_fin_time).
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class CloseWaitLeakScenarioTest {
    private static final String EXPERIMENT = """
            {
              "name": "close-wait",
              "duration": "30s",
              "sample_interval": "1s",
              "topology": {
                "nodes": [
                  {"name": "client", "kind": "host", "address": "10.0.0.1"},
                  {"name": "server", "kind": "host", "address": "10.0.0.2"}
                ],
                "links": [{"a": "client", "b": "server", "rate": "1Gbps", "delay": "1ms"}]
              },
              "hosts": {
                "client": {"sysctl": {"net.ipv4.tcp_fin_timeout": 5}},
                "server": {"ulimit_nofile": 20}
              },
              "workloads": [
                {"type": "server", "host": "server", "port": 80, "backlog": 8, "request_bytes": 100,
                 "response_bytes": 100, "never_close": true},
                {"type": "connect-storm", "from": "client", "to": "server:80", "rate": "10/s", "stop": "10s",
                 "closer": "client"}
              ]
            }
            """;

    @Test
    void close_wait_sockets_stay_for_the_run_until_emfile_while_orphaned_fin_wait2_ends_after_fin_timeout(
            @TempDir Path tmp) {
        ExperimentRun run = ExperimentRun.run(tmp, "close-wait", EXPERIMENT);
        // 20 descriptors: the listener and 19 connections, all left in CLOSE_WAIT
        Map<Double, Double> closeWait = run.series("server", "tcp.state.CLOSE_WAIT");
        assertEquals(19.0, closeWait.get(30.0), "CLOSE_WAIT never times out");
        assertEquals(19.0, closeWait.get(10.0));
        assertTrue(run.count("server.accept_errors.EMFILE") > 0, "the server hits its ulimit");
        // the rest wait in the accept queue: backlog + 1 of them
        assertEquals(9, run.count("server.accept_queue"));
        // clients' orphaned FIN_WAIT2 sockets last tcp_fin_timeout = 5 s: at 10/s at most about 50 at once,
        // and all gone 5 s after the last one (the storm stops at 10 s)
        assertTrue(run.max("client", "tcp.state.FIN_WAIT2") <= 5 * 10 + 1, "FIN_WAIT2 bounded by 5 s x 10/s");
        assertTrue(run.max("client", "tcp.state.FIN_WAIT2") >= 5 * 10 - 31, "they do pile up for 5 s");
        assertEquals(0.0, run.series("client", "tcp.state.FIN_WAIT2").get(20.0));
    }
}
