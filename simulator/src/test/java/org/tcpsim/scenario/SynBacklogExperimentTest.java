package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * experiments/syn-backlog.json at one eighth of its size (listen backlog 128, 1000 spoofed SYNs in
 * the first second, tcp_max_syn_backlog 32 / 128 / 512 in place of 256 / 1024 / 4096): which
 * requests the listener keeps, which SYNs it drops or answers with a cookie, and whether the 10
 * legitimate clients (10/s from 2 s to 3 s) get in.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class SynBacklogExperimentTest {
    /** Surefire runs in simulator/; the shipped files live next to it. */
    private static final Path FILE = Path.of("..", "experiments", "syn-backlog.json");
    private static final int BACKLOG = 128;
    private static final int FLOOD = 1000;
    private static final int CLIENTS = 10;
    /** SYN out, SYN-ACK back on the 10 ms link: 20 ms and two 60-byte serialisations at 1 Gbps. */
    private static final double RTT_S = 0.02 + 2 * 60 * 8 / 1e9;

    /** One run of the shipped file at the reduced size, its base point moved by {@code sets}. */
    private record Point(CsvTable.Row summary, CsvTable connections, CsvTable counters, CsvTable timeseries) {
        long counter(String host, String name) {
            List<CsvTable.Row> rows = counters.rowsWhere(r -> r.get("host").equals(host) && r.get("counter").equals(name));
            assertEquals(1, rows.size(), host + " " + name);
            return rows.get(0).integer("value");
        }

        /** Sample time (s) -> the server's SYN queue (requests in SYN_RECV). */
        Map<Double, Double> synQueue() {
            Map<Double, Double> s = new TreeMap<>();
            for (CsvTable.Row r : timeseries.rowsWhere(r -> r.get("host").equals("server")
                    && r.get("metric").equals("server.syn_queue"))) {
                s.put(r.number("t_s"), r.number("value"));
            }
            return s;
        }
    }

    private static Point run(Path out, int maxSynBacklog, int syncookies) {
        List<String> args = new ArrayList<>(List.of("run", FILE.toString(), "--out", out.toString()));
        for (String s : List.of("/workloads/0/backlog=" + BACKLOG, "/workloads/1/rate=" + FLOOD + "/s",
                "/hosts/server/sysctl/net.ipv4.tcp_max_syn_backlog=" + maxSynBacklog,
                "/hosts/server/sysctl/net.ipv4.tcp_syncookies=" + syncookies)) {
            args.add("--set");
            args.add(s);
        }
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.status(), r.transcript());
        CsvTable summary = CsvTable.read(out.resolve("syn-backlog").resolve("summary.csv"));
        assertEquals(1, summary.size(), "one run");
        Path dir = out.resolve("syn-backlog").resolve(summary.row(0).get("run_id"));
        return new Point(summary.row(0), CsvTable.read(dir.resolve("connections.csv")),
                CsvTable.read(dir.resolve("counters.csv")), CsvTable.read(dir.resolve("timeseries.csv")));
    }

    @Test
    void theShippedSweepIsMaxSynBacklogTimesSyncookies() {
        Cli.Result r = Cli.run("validate", FILE.toString());
        assertEquals(0, r.status(), r.transcript());
        assertTrue(r.out().contains("(9 runs)"), "3 tcp_max_syn_backlog x 3 tcp_syncookies: " + r.transcript());
    }

    @Test
    void withoutCookiesTheQueueStopsAtTheLastQuarterOrTheBacklogAndLocksClientsOut(@TempDir Path tmp) {
        // tcp_syncookies = 0: an unproven peer's SYN is dropped once qlen > max - max/4, a SYN of anyone once qlen > backlog
        int[][] cases = {{32, 32 - 32 / 4 + 1}, {128, 128 - 128 / 4 + 1}, {512, BACKLOG + 1}};
        for (int[] c : cases) {
            int maxSynBacklog = c[0];
            int queued = c[1];
            Point p = run(tmp.resolve("max" + maxSynBacklog), maxSynBacklog, 0);
            String at = "tcp_max_syn_backlog " + maxSynBacklog + ": ";
            Map<Double, Double> synQueue = p.synQueue();
            for (double t = 1; t <= 7; t++) {
                assertEquals(queued, synQueue.get(t), at + "t=" + t + " " + synQueue);
            }
            assertEquals(0, p.counter("server", "TcpExtSyncookiesSent"), at);
            long synRetrans = p.counter("client", "TcpExtTCPSynRetrans");
            long ok = p.summary().integer("connect-storm.ok");
            // every SYN not queued is dropped: the flood's beyond the queue, and each legitimate SYN but the one let in
            assertEquals(FLOOD - queued + CLIENTS + synRetrans - ok, p.counter("server", "TcpExtListenDrops"), at);
            assertEquals(maxSynBacklog == 512 ? p.counter("server", "TcpExtListenDrops") : 0,
                    p.counter("server", "TcpExtTCPReqQFullDrop"), at + "only the backlog bound counts as request queue full");
            if (2 * queued > BACKLOG) {
                // young rule: with more than half of backlog pending and none young, requests get 2 SYN-ACK
                // retries (0, 1, 3 s) and die at 7 s, down to half of backlog; the clients' 5th retransmission gets in
                assertTrue(synQueue.get(8.0) <= BACKLOG / 2, at + synQueue);
                assertEquals(CLIENTS, ok, at + p.summary());
                for (CsvTable.Row r : p.connections().rows()) {
                    assertEquals(5, r.integer("syn_retransmits"), at + r);
                    assertEquals(5 + RTT_S, r.number("t_established_s") - r.number("t_start_s"), 1e-6, at + r);
                }
            } else {
                // under half of backlog: 5 SYN-ACK retries keep every request 63 s, the clients never get in
                assertEquals(queued, synQueue.get(10.0), at + synQueue);
                assertEquals(0, ok, at + p.summary());
                assertEquals(CLIENTS, p.summary().integer("connect-storm.open"), at + p.summary());
                assertEquals(0, p.counter("server", "TcpPassiveOpens"), at);
            }
        }
    }

    @Test
    void cookiesLetEveryClientInAtOnceWhateverTcpMaxSynBacklogIs(@TempDir Path tmp) {
        for (int maxSynBacklog : new int[] {32, 512}) {
            Point p = run(tmp.resolve("max" + maxSynBacklog), maxSynBacklog, 1);
            String at = "tcp_max_syn_backlog " + maxSynBacklog + ": ";
            // the queue fills to backlog + 1 regardless of tcp_max_syn_backlog; every later SYN gets a cookie
            assertEquals(BACKLOG + 1.0, p.synQueue().get(1.0), at + p.synQueue());
            long cookies = FLOOD - (BACKLOG + 1) + CLIENTS;
            assertEquals(cookies, p.counter("server", "TcpExtSyncookiesSent"), at);
            assertEquals(cookies, p.counter("server", "TcpExtTCPReqQFullDoCookies"), at);
            assertEquals(CLIENTS, p.counter("server", "TcpExtSyncookiesRecv"), at);
            assertEquals(0, p.counter("server", "TcpExtListenDrops"), at);
            assertEquals(0, p.counter("client", "TcpExtTCPSynRetrans"), at);
            assertEquals(CLIENTS, p.summary().integer("connect-storm.ok"), at + p.summary());
            assertEquals(RTT_S, p.summary().number("connect-storm.connect_latency_max_s"), 1e-9, at + p.summary());
        }
    }

    @Test
    void syncookiesTwoAnswersEverySynWithACookieAndQueuesNothing(@TempDir Path tmp) {
        Point p = run(tmp, 32, 2);
        assertEquals(FLOOD + CLIENTS, p.counter("server", "TcpExtSyncookiesSent"));
        assertEquals(CLIENTS, p.counter("server", "TcpExtSyncookiesRecv"));
        for (double q : p.synQueue().values()) {
            assertEquals(0.0, q, p.synQueue().toString());
        }
        assertEquals(CLIENTS, p.summary().integer("connect-storm.ok"), p.summary().toString());
    }
}
