package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * The shipped experiments/close-wait-leak.json at a reduced size: ulimit_nofile 101, backlog 8, the
 * 50/s storm stopped at 5 s (250 connections), run for 70 s so that a CLOSE_WAIT timer of up to 60 s
 * (there is none in Linux) would have shown. Each sweep value is one {@code run --set}.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class CloseWaitLeakExperimentTest {
    private static final int ULIMIT = 101;
    private static final int BACKLOG = 8;
    private static final int RATE = 50;
    private static final int CONNECTIONS = RATE * 5;

    private static ExperimentRun run(Path out, boolean neverClose) {
        ExperimentRun run = ExperimentRun.runShipped(out, "close-wait-leak", List.of("/duration=70s",
                "/hosts/server/ulimit_nofile=" + ULIMIT, "/workloads/0/backlog=" + BACKLOG, "/workloads/1/stop=5s",
                "/workloads/0/never_close=" + neverClose));
        assertEquals(String.valueOf(neverClose), run.summary.get("never_close"), "the --set reached the server");
        return run;
    }

    @Test
    void neverCloseLeaksOneCloseWaitPerAcceptedConnectionUntilEmfileAndNoneExpire(@TempDir Path tmp) {
        ExperimentRun run = run(tmp.resolve("never-close"), true);
        int leaked = ULIMIT - 1;  // every descriptor but the listener's
        Map<Double, Double> closeWait = run.series("server", "tcp.state.CLOSE_WAIT");
        // linear growth: connection i starts at i/50 s and its FIN reaches the server 50 ms (2.5 RTT) later
        assertEquals(48.0, closeWait.get(1.0), "started before 0.95 s");
        assertEquals(98.0, closeWait.get(2.0), "started before 1.95 s");
        for (double t = 3; t <= 70; t++) {
            assertEquals(leaked, closeWait.get(t), "CLOSE_WAIT has no timer, t=" + t);
            assertEquals(ULIMIT, run.series("server", "server.fds").get(t), "the process is at its ulimit, t=" + t);
        }
        assertEquals(leaked, run.count("server.accepted"));
        assertEquals(0, run.count("server.closed"));
        // the accept queue holds backlog + 1; one EMFILE per wakeup: the first failed accept and one per queued child
        assertEquals(BACKLOG + 1, run.count("server.accept_queue"));
        assertEquals(BACKLOG + 2, run.count("server.accept_errors.EMFILE"));
        assertTrue(run.counter("server", "TcpExtListenOverflows") > 0, "then SYNs are dropped");
        // clients: the leaked ones were answered; the rest are neither answered nor refused within 70 s
        assertEquals(leaked, run.count("connect-storm.ok"));
        assertEquals(CONNECTIONS - leaked, run.count("connect-storm.open"));
        assertEquals(0, run.count("connect-storm.failed"));
        // the peer's half does time out: its orphaned FIN_WAIT2 lasts tcp_fin_timeout (60 s), no RST follows
        assertEquals(leaked, run.series("client", "tcp.state.FIN_WAIT2").get(60.0));
        assertEquals(0.0, run.series("client", "tcp.state.FIN_WAIT2").get(63.0));
        assertEquals(0, run.counter("server", "TcpEstabResets"));
    }

    @Test
    void closingAtEofLeavesNoCloseWaitAndNeverHitsTheLimit(@TempDir Path tmp) {
        ExperimentRun run = run(tmp.resolve("close"), false);
        for (double cw : run.series("server", "tcp.state.CLOSE_WAIT").values()) {
            assertEquals(0.0, cw, "close() follows EOF at once");
        }
        for (double fds : run.series("server", "server.fds").values()) {
            assertTrue(fds < ULIMIT, "fds " + fds);
        }
        assertEquals(CONNECTIONS, run.count("server.accepted"));
        assertEquals(CONNECTIONS, run.count("server.closed"));
        assertEquals(CONNECTIONS, run.count("connect-storm.ok"));
        assertEquals(0, run.count("server.accept_errors.EMFILE"));
        assertEquals(0, run.counter("server", "TcpExtListenOverflows"));
    }
}
