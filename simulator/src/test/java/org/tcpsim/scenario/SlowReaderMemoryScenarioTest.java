package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * Slow readers against net.ipv4.tcp_mem: bulk senders fill the receive queues of a server whose
 * application reads each connection at read_rate; the queued bytes, charged in pages, push the
 * host past tcp_mem[1] into memory pressure (TCPMemoryPressures); when the senders stop and the
 * readers catch up, usage falls below tcp_mem[0] and pressure ends (TCPMemoryPressuresChrono).
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class SlowReaderMemoryScenarioTest {
    private static final String EXPERIMENT = """
            {
              "name": "slow-readers",
              "duration": "30s",
              "sample_interval": "1s",
              "topology": {
                "nodes": [
                  {"name": "client", "kind": "host", "address": "10.0.0.1"},
                  {"name": "server", "kind": "host", "address": "10.0.0.2"}
                ],
                "links": [{"a": "client", "b": "server", "rate": "1Gbps", "delay": "5ms"}]
              },
              "hosts": {"server": {"sysctl": {"net.ipv4.tcp_mem": "100 200 400"}}},
              "workloads": [
                {"type": "server", "host": "server", "port": 5001, "read_rate": "2Mbps"},
                {"type": "bulk", "from": "client", "to": "server:5001", "flows": 20, "duration": "10s"}
              ]
            }
            """;

    @Test
    void slow_readers_cross_tcp_mem_pressure_and_leave_it_when_drained(@TempDir Path tmp) {
        ExperimentRun run = ExperimentRun.run(tmp, "slow-readers", EXPERIMENT);
        assertTrue(run.max("server", "tcp_mem.pressure") == 1.0, "pressure entered");
        assertTrue(run.max("server", "tcp_mem.pages") > 200, "past tcp_mem[1]");
        assertTrue(run.max("server", "tcp_mem.pages") <= 400, "never past tcp_mem[2]");
        assertEquals(0.0, run.series("server", "tcp_mem.pressure").get(30.0), "left once drained below tcp_mem[0]");
        // entered at least once: as the senders stop, memory can dip below tcp_mem[0] and climb past
        // tcp_mem[1] again for a moment when retransmissions of dropped data arrive
        assertTrue(run.counter("server", "TcpExtTCPMemoryPressures") >= 1);
        assertTrue(run.counter("server", "TcpExtTCPMemoryPressuresChrono") > 0);
        // each reader takes at most 2 Mbit/s (250 kB/s) plus a one-second burst: over 30 s at most
        // 20 x (30 + 1) x 250 kB = 155 MB; the senders send for 10 s and their send buffers drain after,
        // so at least the 10 s at the readers' pace arrive: 20 x 10 x 250 kB = 50 MB
        long received = run.count("server.bytes_received");
        assertTrue(received >= 50_000_000 && received <= 155_000_000, "bytes read: " + received);
    }
}
