package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * The experiments the README points users at: every one is valid input, and the quick ones show
 * what their description promises.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class ShippedExperimentsTest {
    /** Surefire runs in simulator/; the shipped files live next to it. */
    private static final Path EXPERIMENTS = Path.of("..", "experiments");
    /**
     * The example plugin module's jar (plugin-example.json uses its three plugins); `mvn -B verify`
     * builds that module before this one.
     */
    static final Path EXAMPLE_PLUGIN = Path.of("..", "example-plugin", "target");

    static String examplePlugin() {
        assertTrue(Files.isRegularFile(EXAMPLE_PLUGIN.resolve("tcpsim-example-plugin.jar")),
                "build the example plugin first (mvn -B verify from the top directory builds it before the simulator)");
        return EXAMPLE_PLUGIN.toString();
    }

    @Test
    void everyShippedExperimentValidates() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(EXPERIMENTS)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() >= 5, "the shipped experiments: " + files);
        for (Path f : files) {
            Cli.Result r = Cli.run("--plugins", examplePlugin(), "validate", f.toString());
            assertEquals(0, r.status(), f + ": " + r.transcript());
        }
    }

    /**
     * port-exhaustion: tcp_tw_reuse 0/1 x ip_local_port_range 1000/2000 ports x one or two server
     * ports, two interleaved 250/s storms (500 connect()/s in all) for 90 s, client closes first.
     */
    @Test
    void portExhaustionWithoutTwReuseGetsTheRangeOncePerTimeWaitPerDestinationAndWithItEveryConnect(@TempDir Path tmp) {
        Cli.Result r = Cli.run("sweep", EXPERIMENTS.resolve("port-exhaustion.json").toString(), "--out", tmp.toString());
        assertEquals(0, r.status(), r.transcript());
        Path out = tmp.resolve("port-exhaustion");
        CsvTable summary = CsvTable.read(out.resolve("summary.csv"));
        assertEquals(8, summary.size(), "tcp_tw_reuse 0/1 x two port ranges x one/two destination ports");
        long perStorm = 250L * 90;        // 250/s fixed for the 90 s run, per storm
        double rtt = 0.020;               // two-hosts: 10 ms each way
        // a connection lives 2 RTT (handshake, request/response): those started in the last 40 ms are still open
        long stillOpen = Math.round(250 * 2 * rtt);
        for (CsvTable.Row row : summary.rows()) {
            long twReuse = row.integer("net.ipv4.tcp_tw_reuse");
            String[] range = row.get("net.ipv4.ip_local_port_range").split(" ");
            int ports = Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1;
            int destinations = row.get("to").endsWith(":5002") ? 2 : 1;
            long accepted5002 = row.integer("server-5002.accepted");
            if (destinations == 1) {
                assertEquals(0, accepted5002, "storm-b goes to 5001 too: " + row);
            } else {
                long okB = row.integer("storm-b.ok");
                assertTrue(accepted5002 >= okB && accepted5002 <= okB + row.integer("storm-b.open"), row.toString());
            }
            for (String storm : List.of("storm-a", "storm-b")) {
                long attempted = row.integer(storm + ".attempted");
                long ok = row.integer(storm + ".ok");
                long noPort = row.integer(storm + ".failed.EADDRNOTAVAIL");
                long open = row.integer(storm + ".open");
                assertEquals(perStorm, attempted, storm + " " + row);
                assertEquals(attempted, ok + row.integer(storm + ".failed") + open, "every attempt accounted for: " + row);
                assertEquals(noPort, row.integer(storm + ".failed"), "EADDRNOTAVAIL is the only failure: " + row);
                if (twReuse == 0) {
                    // per destination: the whole range at once, then again once those 4-tuples leave
                    // TIME_WAIT at ~60 s; the third round would start after 120 s. Ports are shared
                    // across destinations, so each destination gets the whole range; the two storms
                    // split one destination's evenly.
                    long perDestination = 2L * ports;
                    long expected = destinations == 2 ? perDestination : perDestination / 2;
                    assertEquals(expected, ok, storm + " " + row);
                    assertEquals(attempted - expected, noPort, storm + " " + row);
                    assertEquals(0, open, storm + " " + row);
                } else {
                    // a TIME_WAIT 4-tuple is taken over after 1 s: range / 1 s >= 500/s, nothing fails
                    assertEquals(0, noPort, storm + " " + row);
                    assertEquals(stillOpen, open, storm + " " + row);
                    assertEquals(perStorm - stillOpen, ok, storm + " " + row);
                }
            }
            if (twReuse == 0) {
                // the successes come in two bursts: [0, range / per-destination rate) and the same
                // length from 60 s + 3 RTT, when the first connection's TIME_WAIT ends (it enters
                // TIME_WAIT 3 RTT after its SYN); the bound allows one 4 ms storm gap for storm-b's 2 ms
                // offset and the arrival on the edge
                double burst = ports / (destinations == 2 ? 250.0 : 500.0);
                CsvTable conns = CsvTable.read(out.resolve(row.get("run_id")).resolve("connections.csv"));
                for (CsvTable.Row c : conns.rowsWhere(c -> c.get("outcome").equals("ok"))) {
                    double t = c.number("t_start_s");
                    assertTrue(t < burst || (t >= 60 && t <= 60 + 3 * rtt + burst + 1 / 250.0), "burst " + burst + " s: " + c);
                }
            }
        }
        assertFalse(r.err().contains("Exception"), r.transcript());
    }
}
