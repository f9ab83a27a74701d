package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * experiments/accept-queue.json at a quarter of its size (100 connects at 200/s in the first 0.5 s,
 * a 4 s run): the accept queue holds min(backlog, somaxconn) + 1, a SYN that finds it full is
 * dropped, and the client's SYN retransmissions (RTO 1 s, doubled) put connect latencies at
 * RTT, 1 s + RTT and 3 s + RTT.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class AcceptQueueExperimentTest {
    /** Surefire runs in simulator/; the shipped files live next to it. */
    private static final Path FILE = Path.of("..", "experiments", "accept-queue.json");
    private static final int ATTEMPTS = 100;
    /** SYN out, SYN-ACK back on the 10 ms link: 20 ms and two 60-byte serialisations at 1 Gbps. */
    private static final double RTT_S = 0.02 + 2 * 60 * 8 / 1e9;
    /** SYNs admitted while the queue's last slots are still in their handshake: one RTT of 5 ms arrivals. */
    private static final int IN_FLIGHT = 4;

    /** One run of the shipped file at the reduced size, its base point moved by {@code sets}. */
    private record Point(CsvTable.Row summary, CsvTable connections, CsvTable counters, CsvTable timeseries) {
        long counter(String host, String name) {
            List<CsvTable.Row> rows = counters.rowsWhere(r -> r.get("host").equals(host) && r.get("counter").equals(name));
            assertEquals(1, rows.size(), host + " " + name);
            return rows.get(0).integer("value");
        }

        List<CsvTable.Row> established() {
            return connections.rowsWhere(r -> !r.get("t_established_s").isEmpty());
        }

        /** Sample time (s) -> the server's accept queue. */
        TreeMap<Double, Double> acceptQueue() {
            TreeMap<Double, Double> s = new TreeMap<>();
            for (CsvTable.Row r : timeseries.rowsWhere(r -> r.get("host").equals("server")
                    && r.get("metric").equals("server.accept_queue"))) {
                s.put(r.number("t_s"), r.number("value"));
            }
            return s;
        }
    }

    private static Point run(Path out, int somaxconn, int backlog, boolean accept, String acceptRate) {
        List<String> args = new ArrayList<>(List.of("run", FILE.toString(), "--out", out.toString()));
        for (String s : List.of("/duration=4s", "/workloads/1/stop=0.5s",
                "/hosts/server/sysctl/net.core.somaxconn=" + somaxconn, "/workloads/0/backlog=" + backlog,
                "/workloads/0/accept=" + accept, "/workloads/0/accept_rate=" + acceptRate)) {
            args.add("--set");
            args.add(s);
        }
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.status(), r.transcript());
        CsvTable summary = CsvTable.read(out.resolve("accept-queue").resolve("summary.csv"));
        assertEquals(1, summary.size(), "one run");
        Path dir = out.resolve("accept-queue").resolve(summary.row(0).get("run_id"));
        Point p = new Point(summary.row(0), CsvTable.read(dir.resolve("connections.csv")),
                CsvTable.read(dir.resolve("counters.csv")), CsvTable.read(dir.resolve("timeseries.csv")));
        assertEquals(ATTEMPTS, p.summary().integer("connect-storm.attempted"), p.summary().toString());
        // every ListenOverflows is a ListenDrops too, and nothing else drops here
        assertEquals(p.counter("server", "TcpExtListenOverflows"), p.counter("server", "TcpExtListenDrops"));
        return p;
    }

    @Test
    void theShippedSweepIsSomaxconnTimesBacklogTimesAcceptRate() {
        Cli.Result r = Cli.run("validate", FILE.toString());
        assertEquals(0, r.status(), r.transcript());
        assertTrue(r.out().contains("(8 runs)"), "2 somaxconn x 2 backlog x 2 accept_rate: " + r.transcript());
    }

    @Test
    void aServerThatNeverAcceptsHoldsMinOfBacklogAndSomaxconnPlusOne(@TempDir Path tmp) {
        // {somaxconn, backlog, accept queue}: listen() clamps backlog to somaxconn; sk_acceptq_is_full is '>'
        int[][] cases = {{4096, 8, 9}, {16, 128, 17}};
        for (int[] c : cases) {
            Point p = run(tmp.resolve(c[0] + "-" + c[1]), c[0], c[1], false, "50/s");
            String at = "somaxconn " + c[0] + " backlog " + c[1] + ": ";
            int bound = c[2];
            assertEquals(bound, p.summary().integer("server.max_accept_queue"), at + p.summary());
            assertEquals(bound, p.counter("server", "TcpPassiveOpens"), at);
            for (double q : p.acceptQueue().tailMap(1.0).values()) {
                assertEquals(bound, q, at + p.acceptQueue());
            }
            assertEquals(0, p.summary().integer("server.accepted"), at);
            // the client also counts the few whose final ACK the server dropped for the full queue
            int clientEstablished = p.established().size();
            assertEquals(bound + IN_FLIGHT, clientEstablished, at);
            // each of the others sent its SYN at 0, 1 and 3 s, and each was dropped
            long overflows = p.counter("server", "TcpExtListenOverflows");
            assertTrue(overflows >= 3L * (ATTEMPTS - clientEstablished), at + overflows);
            assertEquals(ATTEMPTS, p.summary().integer("connect-storm.open"), at + p.summary());
        }
    }

    @Test
    void slowAcceptPutsConnectLatencyAtTheSynRetransmissions(@TempDir Path tmp) {
        Point p = run(tmp, 4096, 8, true, "50/s");
        assertEquals(9, p.summary().integer("server.max_accept_queue"), p.summary().toString());
        assertTrue(p.counter("server", "TcpExtListenOverflows") > 0);
        assertEquals(ATTEMPTS, p.summary().integer("connect-storm.ok"), p.summary().toString());
        // SYN retransmissions at 1 s and 3 s after connect() (RTO 1 s, doubled; tcp_syn_linear_timeouts = 0)
        double[] clusters = {RTT_S, 1 + RTT_S, 3 + RTT_S};
        int[] inCluster = new int[clusters.length];
        for (CsvTable.Row r : p.established()) {
            int retransmits = (int) r.integer("syn_retransmits");
            assertTrue(retransmits < clusters.length, r.toString());
            assertEquals(clusters[retransmits], r.number("t_established_s") - r.number("t_start_s"), 1e-6, r.toString());
            inCluster[retransmits]++;
        }
        for (int n : inCluster) {
            assertTrue(n > 0, "every cluster is populated: " + Arrays.toString(inCluster));
        }
        assertEquals(3 + RTT_S, p.summary().number("connect-storm.connect_latency_max_s"), 1e-6, p.summary().toString());
        assertEquals(inCluster[1] + 2L * inCluster[2], p.counter("client", "TcpExtTCPSynRetrans"));
    }

    @Test
    void somaxconnCapsALargerBacklog(@TempDir Path tmp) {
        // backlog 128 with somaxconn 4096 takes the whole 100-connection burst; somaxconn 16 cuts it to 17
        Point wide = run(tmp.resolve("wide"), 4096, 128, true, "50/s");
        assertEquals(0, wide.counter("server", "TcpExtListenOverflows"));
        assertEquals(RTT_S, wide.summary().number("connect-storm.connect_latency_max_s"), 1e-6, wide.summary().toString());
        Point capped = run(tmp.resolve("capped"), 16, 128, true, "50/s");
        assertEquals(17, capped.summary().integer("server.max_accept_queue"), capped.summary().toString());
        assertTrue(capped.counter("server", "TcpExtListenOverflows") > 0);
        assertEquals(3 + RTT_S, capped.summary().number("connect-storm.connect_latency_max_s"), 1e-6);
    }

    @Test
    void fastAcceptNeverFillsTheQueue(@TempDir Path tmp) {
        Point p = run(tmp, 16, 8, true, "1000/s");
        assertEquals(0, p.counter("server", "TcpExtListenOverflows"));
        assertEquals(0, p.counter("client", "TcpExtTCPSynRetrans"));
        assertEquals(ATTEMPTS, p.summary().integer("connect-storm.ok"), p.summary().toString());
        assertEquals(RTT_S, p.summary().number("connect-storm.connect_latency_max_s"), 1e-6, p.summary().toString());
    }
}
