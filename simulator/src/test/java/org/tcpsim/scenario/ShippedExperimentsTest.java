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

    @Test
    void everyShippedExperimentValidates() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(EXPERIMENTS)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() >= 5, "the shipped experiments: " + files);
        for (Path f : files) {
            Cli.Result r = Cli.run("validate", f.toString());
            assertEquals(0, r.status(), f + ": " + r.transcript());
        }
    }

    @Test
    void portExhaustionWithoutTwReuseGetsTheRangeOncePerTimeWaitAndWithItEveryConnect(@TempDir Path tmp) {
        Cli.Result r = Cli.run("sweep", EXPERIMENTS.resolve("port-exhaustion.json").toString(), "--out", tmp.toString());
        assertEquals(0, r.status(), r.transcript());
        CsvTable summary = CsvTable.read(tmp.resolve("port-exhaustion").resolve("summary.csv"));
        assertEquals(2, summary.size(), "tcp_tw_reuse 0 and 1");
        int ports = 1000;                 // ip_local_port_range 40000 40999
        long attempts = 500L * 90;        // 500/s fixed for the 90 s run
        for (CsvTable.Row row : summary.rows()) {
            long twReuse = row.integer("net.ipv4.tcp_tw_reuse");
            long attempted = row.integer("connect-storm.attempted");
            long ok = row.integer("connect-storm.ok");
            long noPort = row.integer("connect-storm.failed.EADDRNOTAVAIL");
            long open = row.integer("connect-storm.open");
            assertEquals(attempts, attempted, row.toString());
            assertEquals(attempted, ok + row.integer("connect-storm.failed") + open, "every attempt accounted for: " + row);
            if (twReuse == 0) {
                // the whole range in the first 2 s, then again once those 4-tuples leave TIME_WAIT at ~62 s
                assertEquals(2L * ports, ok, row.toString());
                assertEquals(attempted - 2L * ports, noPort, row.toString());
            } else {
                assertEquals(0, noPort, row.toString());
                assertTrue(ok >= attempts - 500 / 20, "all but the last ~40 ms still in flight: " + row);
            }
        }
        assertFalse(r.err().contains("Exception"), r.transcript());
    }
}
