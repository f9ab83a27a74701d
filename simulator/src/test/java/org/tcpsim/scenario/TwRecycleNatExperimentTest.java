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
    private static final String[] CLIENTS = {"c1", "c2", "c3"};

    /** 5 s of connections, 30 s of run: every SYN the server answers completes long before the end. */
    private static ExperimentRun run(Path tmp, int twRecycle, String... moreSets) {
        List<String> sets = new ArrayList<>(List.of("/duration=30s", "/hosts/server/sysctl/net.ipv4.tcp_tw_recycle=" + twRecycle,
                "/workloads/1/stop=5s", "/workloads/2/stop=5s", "/workloads/3/stop=5s"));
        sets.addAll(List.of(moreSets));
        return ExperimentRun.runShipped(tmp.resolve("recycle" + twRecycle), "tw-recycle-nat", sets);
    }

    @Test
    void withTwRecycleTheClientsWithYoungerClocksLoseTheirSynsWithoutItNoneDo(@TempDir Path tmp) {
        ExperimentRun onRun = run(tmp, 1);
        CsvTable.Row on = onRun.summary;
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
        long pawsPassive = onRun.counter("server", "TcpExtPAWSPassive");
        assertTrue(pawsPassive >= blocked, "every blocked connect lost at least its first SYN: " + pawsPassive);
        long attemptsOn = 0;
        for (String c : CLIENTS) {
            attemptsOn += on.integer(c + ".attempted");
        }
        assertEquals(attemptsOn, onRun.counter("nat", "conntrack.insert"), "one conntrack entry per connection");

        ExperimentRun offRun = run(tmp, 0);
        CsvTable.Row off = offRun.summary;
        long attemptsOff = 0;
        for (String c : CLIENTS) {
            assertEquals(off.integer(c + ".attempted"), off.integer(c + ".ok"), c + ": " + off);
            attemptsOff += off.integer(c + ".attempted");
        }
        assertEquals(0, offRun.counter("server", "TcpExtPAWSPassive"));
        assertEquals(attemptsOff, offRun.counter("nat", "conntrack.insert"));
        // the server closed every connection first: each one passed through TIME_WAIT on the server
        assertEquals(attemptsOff, offRun.counter("server", "TcpExtTW"));
        assertEquals(0, off.number("net.drops.nat_unmatched"));
    }

    @Test
    void spreadingTheClientsOverFourPublicAddressesFreesThoseThatNoLongerShareOne(@TempDir Path tmp) {
        // SNAT to 203.0.113.1-4: find_best_ips_proto hashes each (client, server) pair to one address
        CsvTable.Row r = run(tmp, 1, "/topology/nodes/3/address=203.0.113.1-203.0.113.4").summary;
        assertEquals(r.integer("c1.attempted"), r.integer("c1.ok"), r.toString());
        boolean someoneFreed = false;
        for (String c : List.of("c2", "c3")) {
            someoneFreed |= r.integer(c + ".ok") == r.integer(c + ".attempted");
        }
        assertTrue(someoneFreed, "with one address every younger clock was blocked; with four, one has its own: " + r);
    }
}
