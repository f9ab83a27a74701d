package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * The shipped experiments/tcp-mem-pressure.json at a reduced size: 10 slow readers (2 Mbit/s each),
 * the senders writing for 5 s, run for 20 s so that the readers drain the queues and pressure ends.
 * Each sweep value of tcp_mem is one {@code run --set}: a small tcp_mem (100 200 400 pages) must
 * enter pressure, hold the pages at tcp_mem[2] and drop what does not fit (TCPRcvQDrop); the
 * default of a 16 GiB host must see the same load without pressure, with more pages than the small
 * tcp_mem[2] (so the small run's bound is tcp_mem acting, not a light load).
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class TcpMemPressureExperimentTest {
    private static final String SMALL = "100 200 400";
    private static final String DEFAULT = "190464 253952 380928";
    private static final int FLOWS = 10;
    private static final double DURATION_S = 20;
    private static final double READ_RATE_BPS = 2_000_000;

    /** Each bulk flow's goodput (bytes received over its lifetime), bits per second. */
    private static List<Double> flowGoodputs(ExperimentRun run) {
        List<CsvTable.Row> flows = CsvTable.read(run.dir.resolve("flows.csv")).rowsWhere(r -> r.get("type").equals("bulk"));
        assertEquals(FLOWS, flows.size(), "one row per bulk flow");
        List<Double> g = new ArrayList<>();
        for (CsvTable.Row f : flows) {
            assertTrue(!f.get("end_s").isEmpty(), "flow finished within the run: " + f);
            g.add(f.number("goodput_bps"));
        }
        return g;
    }

    private static ExperimentRun run(Path out, String tcpMem) {
        ExperimentRun run = ExperimentRun.runShipped(out, "tcp-mem-pressure", List.of("/duration=" + (int) DURATION_S + "s",
                "/workloads/1/duration=5s", "/workloads/1/flows=" + FLOWS,
                "/hosts/server/sysctl/net.ipv4.tcp_mem=\"" + tcpMem + "\""));
        assertEquals(tcpMem, run.summary.get("net.ipv4.tcp_mem"), "the --set reached the server");
        assertEquals(String.valueOf(FLOWS), run.summary.get("flows"));
        return run;
    }

    @Test
    void smallTcpMemEntersPressureCapsPagesAtTheHardLimitAndLeavesItOnceDrained(@TempDir Path tmp) {
        ExperimentRun run = run(tmp.resolve("small"), SMALL);
        // above tcp_mem[1] = 200: pressure; never above tcp_mem[2] = 400: what does not fit is dropped
        long pressures = run.counter("server", "TcpExtTCPMemoryPressures");
        // under pressure rcv_ssthresh falls to four segments (tcp_adjust_rcv_ssthresh, from tcp_grow_window and
        // __tcp_select_window) and afterwards grows back two segments per segment (tcp_grow_window): entered
        // once or a few times, never per segment
        assertTrue(pressures >= 1 && pressures <= 10, "pressure entered: " + pressures);
        double peak = run.max("server", "tcp_mem.pages");
        assertTrue(peak > 200 && peak <= 400, "pages past tcp_mem[1], bounded by tcp_mem[2]: " + peak);
        assertTrue(peak >= 380, "the load reaches tcp_mem[2]: " + peak);
        Map<Double, Double> pressure = run.series("server", "tcp_mem.pressure");
        assertEquals(1.0, pressure.get(1.0), "in pressure within the first second");
        assertEquals(1.0, pressure.get(5.0), "still in pressure while the senders push");
        long drops = run.counter("server", "TcpExtTCPRcvQDrop");
        assertTrue(drops > 100, "data beyond tcp_mem[2] dropped: " + drops);
        assertTrue(run.counter("client", "TcpRetransSegs") >= drops, "every dropped segment is sent again");
        // below tcp_mem[0] = 100 pressure ends, and its duration goes to the chrono counter (ms)
        assertEquals(0.0, pressure.get(DURATION_S), "left once the readers drained the queues");
        assertEquals(0.0, run.series("server", "tcp_mem.pages").get(DURATION_S), "queues drained");
        long chrono = run.counter("server", "TcpExtTCPMemoryPressuresChrono");
        long secondsInPressure = pressure.values().stream().filter(v -> v == 1.0).count();
        assertTrue(chrono >= (secondsInPressure - 1) * 1000 && chrono <= DURATION_S * 1000,
                "chrono " + chrono + " ms vs " + secondsInPressure + " samples in pressure");
        // the reader, not memory, bounds each flow: at most 2 Mbit/s plus the one-second burst
        for (double g : flowGoodputs(run)) {
            assertTrue(g > 0.5 * READ_RATE_BPS && g < 1.35 * READ_RATE_BPS, "flow goodput " + g);
        }
        assertEquals(FLOWS, run.count("bulk.flows_completed"));
    }

    @Test
    void defaultTcpMemCarriesTheSameLoadWithoutPressureOrDrops(@TempDir Path tmp) {
        ExperimentRun run = run(tmp.resolve("default"), DEFAULT);
        assertEquals(0, run.counter("server", "TcpExtTCPMemoryPressures"));
        assertEquals(0, run.counter("server", "TcpExtTCPMemoryPressuresChrono"));
        assertEquals(0, run.counter("server", "TcpExtTCPRcvQDrop"));
        assertEquals(0, run.counter("client", "TcpRetransSegs"), "nothing lost");
        for (double p : run.series("server", "tcp_mem.pressure").values()) {
            assertEquals(0.0, p);
        }
        // the full receive queues cost more than the small tcp_mem[2], far less than the default tcp_mem[0]
        double peak = run.max("server", "tcp_mem.pages");
        assertTrue(peak > 2 * 400 && peak < 190464, "peak pages " + peak);
        for (double g : flowGoodputs(run)) {
            assertTrue(g > 0.9 * READ_RATE_BPS && g < 1.2 * READ_RATE_BPS, "flow goodput at the reader's rate: " + g);
        }
        assertEquals(FLOWS, run.count("bulk.flows_completed"));
    }
}
