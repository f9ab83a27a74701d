package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * flows.csv's busy_s, rwnd_limited_s and sndbuf_limited_s (tcp_chrono at the flow's end) say what
 * held a bulk flow back on a 100 Mbps x 100 ms path: the receiver's fixed 256 KiB buffer (its
 * window), or the sender's fixed 256 KiB one (its writer waiting with everything sent), or neither.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class FlowChronoScenarioTest {
    private static String experiment(String name, String wmem, String rmem) {
        return """
                {
                  "name": "%s",
                  "duration": "3s",
                  "topology": {
                    "nodes": [
                      {"name": "a", "kind": "host", "address": "10.0.0.1"},
                      {"name": "b", "kind": "host", "address": "10.0.0.2"}
                    ],
                    "links": [{"a": "a", "b": "b", "rate": "100Mbps", "delay": "50ms", "queue": "1000p"}]
                  },
                  "hosts": {"a": {"sysctl": {"net.ipv4.tcp_wmem": "%s"}},
                            "b": {"sysctl": {"net.ipv4.tcp_rmem": "%s"}}},
                  "workloads": [{"type": "bulk", "from": "a", "to": "b:5001", "flows": 1, "duration": "3s"}]
                }
                """.formatted(name, wmem, rmem);
    }

    private static CsvTable.Row flow(Path tmp, String name, String wmem, String rmem) {
        ExperimentRun run = ExperimentRun.run(tmp, name, experiment(name, wmem, rmem));
        CsvTable flows = CsvTable.read(run.dir.resolve("flows.csv"));
        assertEquals(1, flows.rows().size());
        CsvTable.Row f = flows.rows().get(0);
        assertTrue(f.number("busy_s") <= f.number("end_s") - f.number("start_s") + 1e-9, "busy within the flow");
        return f;
    }

    @Test
    void a_small_receive_buffer_shows_as_window_limited_time(@TempDir Path tmp) {
        CsvTable.Row f = flow(tmp, "rwnd", "4096 16384 4194304", "4096 262144 262144");
        assertTrue(f.number("busy_s") > 2.7, "the writer never runs dry: " + f.number("busy_s"));
        assertTrue(f.number("rwnd_limited_s") > 0.6 * f.number("busy_s"), "rwnd " + f.number("rwnd_limited_s"));
        assertEquals(0.0, f.number("sndbuf_limited_s"));
    }

    @Test
    void a_small_send_buffer_shows_as_sndbuf_limited_time(@TempDir Path tmp) {
        CsvTable.Row f = flow(tmp, "sndbuf", "4096 262144 262144", "4096 131072 33554432");
        assertTrue(f.number("sndbuf_limited_s") > 0.6 * f.number("busy_s"), "sndbuf " + f.number("sndbuf_limited_s"));
        assertEquals(0.0, f.number("rwnd_limited_s"));
    }

    @Test
    void buffers_above_the_path_limit_neither(@TempDir Path tmp) {
        CsvTable.Row f = flow(tmp, "free", "4096 16384 4194304", "4096 131072 33554432");
        assertTrue(f.number("busy_s") > 2.7, "busy " + f.number("busy_s"));
        assertTrue(f.number("rwnd_limited_s") < 0.1 * f.number("busy_s"), "rwnd " + f.number("rwnd_limited_s"));
        assertTrue(f.number("sndbuf_limited_s") < 0.1 * f.number("busy_s"), "sndbuf " + f.number("sndbuf_limited_s"));
    }
}
