package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * The shipped experiments/fd-limits.json shortened to 5 s, one {@code run --set} per sweep point:
 * 1000 connections/s each holding a server descriptor ~220 ms need ~220 + the listener; below that
 * the lower of ulimit_nofile and fs.file-max binds, accept() fails (EMFILE, or ENFILE when file-max
 * is the lower) and the connections wait in the accept queue, then SYNs overflow it.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class FdLimitsExperimentTest {
    private static final double DURATION_S = 5;
    private static final int RATE = 1000;
    /** 200 ms service + 10 ms for the response to reach the client + 10 ms for its FIN to come back. */
    private static final double HOLD_S = 0.220;
    private static final int BACKLOG = 128;
    private static final long FILE_MAX_DEFAULT = 1625292;

    private static ExperimentRun run(Path out, int ulimit, long fileMax) {
        return ExperimentRun.runShipped(out, "fd-limits", List.of("/duration=" + (int) DURATION_S + "s",
                "/hosts/server/ulimit_nofile=" + ulimit, "/hosts/server/sysctl/fs.file-max=" + fileMax));
    }

    @Test
    void enoughDescriptorsHoldExactlyRateTimesHoldTimeAndNoAcceptFails(@TempDir Path tmp) {
        ExperimentRun run = run(tmp, 300, FILE_MAX_DEFAULT);
        // Little's law: 1000/s x 220 ms = 220 connections, plus the listener, at every steady sample
        for (double t = 1; t <= DURATION_S; t++) {
            assertEquals(RATE * HOLD_S + 1, run.series("server", "server.fds").get(t), 1e-9, "t=" + t);
        }
        assertEquals(0, run.count("server.accept_errors.EMFILE"));
        assertEquals(0, run.count("server.accept_errors.ENFILE"));
        assertEquals(1, run.count("server.max_accept_queue"));
        assertEquals(0, run.counter("server", "TcpExtListenOverflows"));
        // all answered in 240 ms but those that started in the last 240 ms
        long attempted = (long) (RATE * DURATION_S);
        assertEquals(attempted, run.count("connect-storm.attempted"));
        assertEquals(attempted - 240, run.count("connect-storm.ok"));
        assertEquals(240, run.count("connect-storm.open"));
        assertEquals(0.020, run.summary.number("connect-storm.connect_latency_max_s"), 1e-5, "one RTT, no SYN retransmitted");
    }

    @Test
    void ulimitBelowTheNeedGivesEmfileEvenWithFileMaxLowerThanTheNeedToo(@TempDir Path tmp) {
        // ulimit 100 < file-max 150: the per-process check comes first (alloc_fd before alloc_empty_file)
        belowTheNeed(run(tmp, 100, 150), 100, "EMFILE", "ENFILE");
    }

    @Test
    void fileMaxBelowTheUlimitGivesEnfile(@TempDir Path tmp) {
        belowTheNeed(run(tmp, 200, 150), 150, "ENFILE", "EMFILE");
    }

    private static void belowTheNeed(ExperimentRun run, int limit, String errno, String otherErrno) {
        assertTrue(run.count("server.accept_errors." + errno) > 0, errno);
        assertEquals(0, run.count("server.accept_errors." + otherErrno), otherErrno);
        assertEquals(limit, run.max("server", "server.fds"), "the lower limit binds");
        // the failed accept() leaves the connection queued: the queue fills to backlog + 1, then SYNs are dropped
        assertEquals(BACKLOG + 1, run.count("server.max_accept_queue"));
        assertTrue(run.counter("server", "TcpExtListenOverflows") > 0);
        // each of limit - 1 descriptors completes at most one connection per 220 ms, and the server keeps them busy
        double ceiling = (limit - 1) * DURATION_S / HOLD_S;
        long ok = run.count("connect-storm.ok");
        assertTrue(ok <= ceiling && ok >= 0.8 * ceiling, ok + " answered, ceiling " + ceiling);
        // clients see no error, only delay: whole SYN timeouts (1 s + RTT at least) and connections left open
        assertEquals(0, run.count("connect-storm.failed"));
        assertTrue(run.counter("client", "TcpExtTCPSynRetrans") > 0);
        assertTrue(run.summary.number("connect-storm.connect_latency_max_s") >= 1.02);
        assertTrue(run.count("connect-storm.open") > RATE * DURATION_S - ceiling - 1);
    }
}
