package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * experiments/tw-recycle-nat.json at a reduced size: three clients behind one NAT (their
 * timestamp clocks started 240 h, 48 h and 1 h ago) against a 4.9 server that closes first.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class TwRecycleNatExperimentTest {
    private static final Path FILE = Path.of("..", "experiments", "tw-recycle-nat.json");
    private static final String[] CLIENTS = {"c1", "c2", "c3"};

    /** 5 s of connections, 30 s of run: every SYN the server answers completes long before the end. */
    private static CsvTable.Row run(Path tmp, int twRecycle, String... moreSets) {
        Path out = tmp.resolve("recycle" + twRecycle);
        List<String> args = new ArrayList<>(List.of("run", FILE.toString(), "--out", out.toString(),
                "--set", "/duration=30s", "--set", "/hosts/server/sysctl/net.ipv4.tcp_tw_recycle=" + twRecycle));
        for (String s : moreSets) {
            args.add("--set");
            args.add(s);
        }
        for (int w = 1; w <= 3; w++) {
            args.add("--set");
            args.add("/workloads/" + w + "/stop=5s");
        }
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.status(), r.transcript());
        CsvTable summary = CsvTable.read(out.resolve("tw-recycle-nat").resolve("summary.csv"));
        assertEquals(1, summary.size());
        return summary.row(0);
    }

    private static long counter(Path tmp, int twRecycle, CsvTable.Row row, String host, String name) {
        Path dir = tmp.resolve("recycle" + twRecycle).resolve("tw-recycle-nat").resolve(row.get("run_id"));
        List<CsvTable.Row> rows = CsvTable.read(dir.resolve("counters.csv"))
                .rowsWhere(r -> r.get("host").equals(host) && r.get("counter").equals(name));
        assertEquals(1, rows.size(), host + " " + name);
        return rows.get(0).integer("value");
    }

    @Test
    void withTwRecycleTheClientsWithYoungerClocksLoseTheirSynsWithoutItNoneDo(@TempDir Path tmp) {
        CsvTable.Row on = run(tmp, 1);
        // the oldest clock always carries the newest timestamp: never rejected
        assertEquals(on.integer("c1.attempted"), on.integer("c1.ok"), on.toString());
        long blocked = 0;
        for (String c : List.of("c2", "c3")) {
            long attempted = on.integer(c + ".attempted");
            assertTrue(attempted > 20, on.toString());
            // once c1 has closed a connection the server drops their SYNs for 60 s: the 30 s run never lets them in
            assertTrue(on.integer(c + ".ok") < attempted / 5, c + " mostly rejected: " + on);
            blocked += on.integer(c + ".open");
        }
        long pawsPassive = counter(tmp, 1, on, "server", "TcpExtPAWSPassive");
        assertTrue(pawsPassive >= blocked, "every blocked connect lost at least its first SYN: " + pawsPassive);
        long attemptsOn = 0;
        for (String c : CLIENTS) {
            attemptsOn += on.integer(c + ".attempted");
        }
        assertEquals(attemptsOn, counter(tmp, 1, on, "nat", "conntrack.insert"), "one conntrack entry per connection");

        CsvTable.Row off = run(tmp, 0);
        long attemptsOff = 0;
        for (String c : CLIENTS) {
            assertEquals(off.integer(c + ".attempted"), off.integer(c + ".ok"), c + ": " + off);
            attemptsOff += off.integer(c + ".attempted");
        }
        assertEquals(0, counter(tmp, 0, off, "server", "TcpExtPAWSPassive"));
        assertEquals(attemptsOff, counter(tmp, 0, off, "nat", "conntrack.insert"));
        // the server closed every connection first: each one passed through TIME_WAIT on the server
        assertEquals(attemptsOff, counter(tmp, 0, off, "server", "TcpExtTW"));
        assertEquals(0, off.number("net.drops.nat_unmatched"));
    }

    @Test
    void spreadingTheClientsOverFourPublicAddressesFreesThoseThatNoLongerShareOne(@TempDir Path tmp) {
        // SNAT to 203.0.113.1-4: find_best_ips_proto hashes each (client, server) pair to one address
        CsvTable.Row r = run(tmp, 1, "/topology/nodes/3/address=203.0.113.1-203.0.113.4");
        assertEquals(r.integer("c1.attempted"), r.integer("c1.ok"), r.toString());
        boolean someoneFreed = false;
        for (String c : List.of("c2", "c3")) {
            someoneFreed |= r.integer(c + ".ok") == r.integer(c + ".attempted");
        }
        assertTrue(someoneFreed, "with one address every younger clock was blocked; with four, one has its own: " + r);
    }
}
