package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tcpsim.engine.Event;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.MibCounter;

/**
 * Ephemeral ports against TIME_WAIT (inet_hashtables.c: __inet_hash_connect,
 * __inet_check_established; tcp_ipv4.c: tcp_twsk_unique). A client that closes first keeps each
 * 4-tuple in TIME_WAIT for 60 s, so new connections to ONE destination are capped at
 * range / 60 s; only the 4-tuple must be unique, so a second destination port doubles that;
 * tcp_tw_reuse = 1 with timestamps on both ends lets a 4-tuple be taken over once
 * tcp_tw_reuse_delay (1 s) has passed, raising the cap to range / 1 s.
 */
class PortExhaustionTest {
    static final long MS = 1_000_000;
    static final long S = 1_000 * MS;
    static final int RANGE = 100; // ports 40000-40099

    /** Opens a connection every {@code gapMs}, closes it as soon as it is established; counts outcomes. */
    static final class Storm implements Event {
        final TcpTestbed tb;
        final long gapNs;
        final int[] ports;
        long attempts;
        long okInWindow;
        long addrNotAvail;
        long windowStart;
        long windowEnd;
        int next;

        Storm(TcpTestbed tb, long gapNs, int... ports) {
            this.tb = tb;
            this.gapNs = gapNs;
            this.ports = ports;
        }

        @Override
        public void fire(long now) {
            attempts++;
            int port = ports[next++ % ports.length];
            try {
                tb.client.connect(TcpTestbed.SERVER, port, SocketOptions.DEFAULTS, new SocketCallbacks() {
                    @Override
                    public void connected(TcpSocket s, long t) {
                        if (t >= windowStart && t < windowEnd) {
                            okInWindow++;
                        }
                        s.close(t); // the client closes first: the client holds TIME_WAIT
                    }
                });
            } catch (TcpError e) {
                assertEquals("EADDRNOTAVAIL", e.errno());
                addrNotAvail++;
            }
            tb.sim.schedule(now + gapNs, this);
        }
    }

    private static TcpTestbed testbed(String twReuse, String timestamps) {
        return new TcpTestbed(1, TcpTestbed.link(1_000_000_000L, MS), TcpTestbed.link(1_000_000_000L, MS),
                KernelVersion.V6_18, "net.ipv4.ip_local_port_range", "40000 40099", "net.ipv4.tcp_tw_reuse", twReuse,
                "net.ipv4.tcp_timestamps", timestamps);
    }

    private static Storm run(TcpTestbed tb, long gapNs, long windowStart, long windowEnd, int... ports) {
        for (int port : ports) {
            tb.server.listen(port, 4096, SocketOptions.DEFAULTS, (l, now) -> {
                TcpSocket s;
                while ((s = l.accept(new TcpTransferTest.Sink())) != null) {
                    // the sink closes when the client does
                }
            });
        }
        Storm storm = new Storm(tb, gapNs, ports);
        storm.windowStart = windowStart;
        storm.windowEnd = windowEnd;
        tb.sim.schedule(0, storm);
        tb.sim.run(windowEnd);
        return storm;
    }

    @Test
    void without_tw_reuse_one_destination_settles_at_range_per_60_seconds() {
        TcpTestbed tb = testbed("0", "1");
        Storm s = run(tb, 10 * MS, 60 * S, 180 * S, 80);
        // after the first 100 connections every port waits 60 s in TIME_WAIT: 100 per 60 s
        long expected = RANGE * 120 / 60;
        assertTrue(Math.abs(s.okInWindow - expected) <= 2, "ok in [60 s, 180 s): " + s.okInWindow);
        assertTrue(s.addrNotAvail > 10_000, "the rest fail with EADDRNOTAVAIL: " + s.addrNotAvail);
        assertEquals(0, tb.client.counter(MibCounter.TW_RECYCLED));
        assertEquals(RANGE, tb.client.socketsByState()[TcpState.TIME_WAIT.ordinal()], "every port in TIME_WAIT");
    }

    @Test
    void a_second_destination_port_doubles_the_rate_because_ports_are_shared_across_destinations() {
        TcpTestbed tb = testbed("0", "1");
        Storm s = run(tb, 10 * MS, 60 * S, 180 * S, 80, 81);
        long expected = 2L * RANGE * 120 / 60;
        assertTrue(Math.abs(s.okInWindow - expected) <= 4, "ok in [60 s, 180 s): " + s.okInWindow);
    }

    @Test
    void tw_reuse_1_with_timestamps_takes_ports_over_after_tcp_tw_reuse_delay() {
        TcpTestbed tb = testbed("1", "1");
        Storm s = run(tb, 5 * MS, 10 * S, 40 * S, 80); // 200 attempts per second
        // each port can be reused 1 s after entering TIME_WAIT: about 100 per second
        long expected = RANGE * 30;
        assertTrue(Math.abs(s.okInWindow - expected) <= expected / 20, "ok in [10 s, 40 s): " + s.okInWindow);
        assertTrue(tb.client.counter(MibCounter.TW_RECYCLED) >= expected - RANGE, "TWRecycled");
    }

    @Test
    void tw_reuse_1_without_timestamps_changes_nothing() {
        TcpTestbed tb = testbed("1", "0");
        Storm s = run(tb, 10 * MS, 60 * S, 180 * S, 80);
        assertTrue(Math.abs(s.okInWindow - RANGE * 2) <= 2, "ok in [60 s, 180 s): " + s.okInWindow);
        assertEquals(0, tb.client.counter(MibCounter.TW_RECYCLED));
    }

    @Test
    void tw_reuse_2_is_for_loopback_only_and_changes_nothing_between_hosts() {
        TcpTestbed tb = testbed("2", "1");
        Storm s = run(tb, 10 * MS, 60 * S, 180 * S, 80);
        assertTrue(Math.abs(s.okInWindow - RANGE * 2) <= 2, "ok in [60 s, 180 s): " + s.okInWindow);
        assertEquals(0, tb.client.counter(MibCounter.TW_RECYCLED));
    }

    @Test
    void tcp_max_tw_buckets_closes_sockets_at_once_instead_of_time_wait() {
        TcpTestbed tb = new TcpTestbed(1, TcpTestbed.link(1_000_000_000L, MS), TcpTestbed.link(1_000_000_000L, MS),
                KernelVersion.V6_18, "net.ipv4.ip_local_port_range", "40000 40099", "net.ipv4.tcp_max_tw_buckets", "10");
        Storm s = run(tb, 100 * MS, 0, 20 * S, 80);
        assertEquals(10, tb.client.socketsByState()[TcpState.TIME_WAIT.ordinal()]);
        assertTrue(tb.client.counter(MibCounter.TCP_TIME_WAIT_OVERFLOW) >= s.okInWindow - 10 - 1,
                "overflow " + tb.client.counter(MibCounter.TCP_TIME_WAIT_OVERFLOW) + " of " + s.okInWindow);
        assertEquals(0, s.addrNotAvail, "without TIME_WAIT, ports come back at once");
    }

    @Test
    void a_restarted_server_needs_so_reuseaddr_while_its_old_connections_sit_in_time_wait() {
        TcpTestbed tb = TcpTestbed.simple(MS);
        TcpListener l = tb.server.listen(80, 16, SocketOptions.DEFAULTS, (lis, now) -> {
            TcpSocket s;
            while ((s = lis.accept(null)) != null) {
                s.close(now); // the server closes first: its side of the connection sits in TIME_WAIT
            }
        });
        tb.client.connect(TcpTestbed.SERVER, 80, SocketOptions.DEFAULTS, new TcpTransferTest.Sink());
        tb.sim.run(1 * S);
        assertEquals(1, tb.server.socketsByState()[TcpState.TIME_WAIT.ordinal()]);
        l.close(tb.sim.now()); // the server process exits
        TcpError e = org.junit.jupiter.api.Assertions.assertThrows(TcpError.class,
                () -> tb.server.listen(80, 16, SocketOptions.DEFAULTS, (lis, now) -> { }));
        assertEquals("EADDRINUSE", e.errno());
        SocketOptions reuse = new SocketOptions(-1, -1, false, false, null, true);
        org.junit.jupiter.api.Assertions.assertNotNull(tb.server.listen(80, 16, reuse, (lis, now) -> { }));
    }
}
