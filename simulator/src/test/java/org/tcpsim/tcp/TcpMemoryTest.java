package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.MibCounter;

/**
 * net.ipv4.tcp_mem: receive queues of slow readers are charged to the host; past the pressure
 * threshold the host enters memory pressure (TCPMemoryPressures) and clamps windows; past max it
 * drops new data (TCPRcvQDrop); once the readers catch up and usage falls below min it leaves.
 */
class TcpMemoryTest {
    static final long MS = 1_000_000;
    static final long S = 1_000 * MS;

    @Test
    void slow_readers_push_the_host_into_memory_pressure_and_out_again() {
        // pages of 4 KiB: min 50 (200 KiB), pressure 100 (400 KiB), max 150 (600 KiB)
        TcpTestbed tb = new TcpTestbed(1, TcpTestbed.link(1_000_000_000L, MS), TcpTestbed.link(1_000_000_000L, MS),
                KernelVersion.V6_18, "net.ipv4.tcp_mem", "50 100 150");
        List<TcpSocket> accepted = new ArrayList<>();
        tb.server.listen(80, 128, SocketOptions.DEFAULTS, (l, now) -> {
            TcpSocket s;
            while ((s = l.accept(null)) != null) {
                accepted.add(s); // nobody reads yet: data piles up in receive queues
            }
        });
        long[] maxPages = new long[1];
        boolean[] sawPressure = new boolean[1];
        tb.sim.schedule(0, new org.tcpsim.engine.Event() {
            @Override
            public void fire(long now) {
                maxPages[0] = Math.max(maxPages[0], tb.server.tcpMemPages());
                sawPressure[0] |= tb.server.tcpMemPressure();
                tb.sim.schedule(now + MS, this);
            }
        });
        for (int i = 0; i < 10; i++) {
            tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, new TcpTransferTest.Source(1_000_000));
        }
        tb.sim.run(5 * S);
        assertTrue(sawPressure[0], "pressure entered at > 100 pages; max seen " + maxPages[0]);
        assertEquals(1, tb.server.counter(MibCounter.TCP_MEMORY_PRESSURES));
        assertTrue(maxPages[0] <= 150, "never charged past tcp_mem[2]: " + maxPages[0]);
        assertTrue(tb.server.counter(MibCounter.TCP_RCV_Q_DROP) > 0, "data dropped at tcp_mem[2]");
        // windows are clamped to 4 segments under pressure: no socket holds much more than that beyond
        // what was already queued when pressure began
        // now the application reads everything: usage falls below min, pressure ends
        tb.sim.schedule(tb.sim.now(), now -> accepted.forEach(s -> s.attachCallbacks(new TcpTransferTest.Sink())));
        tb.sim.schedule(tb.sim.now(), now -> accepted.forEach(s -> {
            while (s.read(1 << 20, now) > 0) {
                // drain
            }
        }));
        tb.sim.run(60 * S);
        assertFalse(tb.server.tcpMemPressure());
        assertTrue(tb.server.counter(MibCounter.TCP_MEMORY_PRESSURES_CHRONO) > 0, "time under pressure recorded");
        assertEquals(0, tb.server.tcpMemPages(), "everything read and closed: nothing charged");
    }
}
