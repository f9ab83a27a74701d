package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tcpsim.plugin.PluginRegistry;


/** A congestion control from another jar is found by ServiceLoader and drives a real connection. */
class CongestionPluginTest {
    static final long MS = 1_000_000;

    @Test
    void a_plugin_found_through_service_loader_controls_the_window() {
        assertTrue(PluginRegistry.builtin().congestionControls().containsKey("test-fixed4"));
        assertTrue(PluginRegistry.builtin().congestionControls().containsKey("reno"));
        assertTrue(PluginRegistry.builtin().congestionControls().containsKey("cubic"));
        TcpTestbed tb = TcpTestbed.simple(10 * MS);
        TcpTransferTest.Sink sink = new TcpTransferTest.Sink();
        tb.server.listen(80, 16, SocketOptions.DEFAULTS, (l, now) -> l.accept(sink));
        SocketOptions fixed = new SocketOptions(-1, -1, false, false,
                PluginRegistry.builtin().congestionDefaults("test-fixed4"), false);
        TcpSocket c = tb.client.connect(TcpTestbed.SERVER, 80, fixed, new TcpTransferTest.Source(2_000_000));
        int[] maxCwnd = new int[1];
        tb.sim.schedule(100 * MS, new org.tcpsim.engine.Event() { // after the handshake (cc init)
            @Override
            public void fire(long now) {
                maxCwnd[0] = Math.max(maxCwnd[0], c.cwnd());
                if (now < 30_000 * MS) {
                    tb.sim.schedule(now + MS, this);
                }
            }
        });
        tb.sim.run(30_000 * MS);
        assertEquals(2_000_000, sink.received);
        assertEquals(4, maxCwnd[0], "cwnd never left the plugin's 4 packets (the initial 10 is replaced at init)");
        // 4 segments per 20 ms RTT bound the goodput: 4 * 1448 B / 20 ms = 2.3 Mbps, so 2 MB takes about 7 s
        long took = c.endedAtNs() - c.establishedAtNs();
        assertTrue(took > 6_500 * MS, "window-limited transfer took " + took / MS + " ms");
    }
}
