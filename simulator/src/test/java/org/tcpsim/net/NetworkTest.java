package org.tcpsim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpsim.engine.RandomStreams;
import org.tcpsim.engine.Simulation;
import org.tcpsim.net.loss.LossModelSpec;

class NetworkTest {
    static final long MS = 1_000_000L;

    static LinkDirection dir(long rateBps, long delayNs, long queuePackets) {
        return new LinkDirection(rateBps, delayNs, queuePackets, true, 1500, LossModelSpec.NONE, 0, 0, 0);
    }

    private final Simulation sim = new Simulation();
    private final Network net = new Network(sim, new RandomStreams(1));

    private List<Long> arrivals(Host h, int port) {
        List<Long> times = new ArrayList<>();
        h.bindDatagram(port, (d, now) -> times.add(now));
        return times;
    }

    @Test
    void a_packet_arrives_after_serialisation_plus_propagation() {
        Host a = net.addHost("a", Ipv4Address.parse("10.0.0.1"));
        Host b = net.addHost("b", Ipv4Address.parse("10.0.0.2"));
        net.connect("a", "b", dir(8_000_000, 5 * MS, 10), dir(8_000_000, 5 * MS, 10)); // 1 byte per us
        net.computeRoutes();
        List<Long> got = arrivals(b, 9);
        a.send(new Datagram(a.address(), 1, b.address(), 9, 1000, 0, 0), 0);
        a.send(new Datagram(a.address(), 1, b.address(), 9, 1000, 1, 0), 0); // waits behind the first
        sim.run(Long.MAX_VALUE);
        assertEquals(List.of(1000_000L + 5 * MS, 2000_000L + 5 * MS), got);
    }

    @Test
    void drop_tail_queue_drops_only_beyond_its_limit() {
        Host a = net.addHost("a", 1);
        Host b = net.addHost("b", 2);
        Link l = net.connect("a", "b", dir(8_000_000, 0, 3), dir(8_000_000, 0, 3));
        net.computeRoutes();
        List<Long> got = arrivals(b, 9);
        for (int i = 0; i < 10; i++) { // burst of 10 at t=0: 1 on the wire + 3 queued
            a.send(new Datagram(1, 1, 2, 9, 100, i, 0), 0);
        }
        sim.run(Long.MAX_VALUE);
        assertEquals(4, got.size());
        assertEquals(6, l.aToB().stats().droppedQueue());
    }

    @Test
    void offered_load_below_the_rate_is_never_dropped_even_with_a_tiny_queue() {
        Host a = net.addHost("a", 1);
        Host b = net.addHost("b", 2);
        Link l = net.connect("a", "b", dir(8_000_000, MS, 1), dir(8_000_000, MS, 1));
        net.computeRoutes();
        List<Long> got = arrivals(b, 9);
        // 100-byte packets take 100 us; send one every 101 us
        for (int i = 0; i < 1000; i++) {
            long t = i * 101_000L;
            int seq = i;
            sim.schedule(t, now -> a.send(new Datagram(1, 1, 2, 9, 100, seq, now), now));
        }
        sim.run(Long.MAX_VALUE);
        assertEquals(1000, got.size());
        assertEquals(0, l.aToB().stats().droppedQueue());
    }

    @Test
    void routes_take_the_lowest_delay_path_and_routers_count_forwarding() {
        Host a = net.addHost("a", 1);
        Router r1 = net.addRouter("r1", 11);
        Router r2 = net.addRouter("r2", 12);
        Router slow = net.addRouter("slow", 13);
        Host b = net.addHost("b", 2);
        net.connect("a", "r1", dir(1_000_000_000, MS, 10), dir(1_000_000_000, MS, 10));
        net.connect("r1", "r2", dir(1_000_000_000, MS, 10), dir(1_000_000_000, MS, 10));
        net.connect("r2", "b", dir(1_000_000_000, MS, 10), dir(1_000_000_000, MS, 10));
        net.connect("r1", "slow", dir(1_000_000_000, 50 * MS, 10), dir(1_000_000_000, 50 * MS, 10));
        net.connect("slow", "b", dir(1_000_000_000, 50 * MS, 10), dir(1_000_000_000, 50 * MS, 10));
        net.computeRoutes();
        List<Long> got = arrivals(b, 9);
        a.send(new Datagram(1, 1, 2, 9, 125, 0, 0), 0); // 1 us per hop to serialise
        sim.run(Long.MAX_VALUE);
        assertEquals(List.of(3 * MS + 3_000L), got);
        assertEquals(1, r1.counter(IpCounter.IP_FORW_DATAGRAMS));
        assertEquals(1, r2.counter(IpCounter.IP_FORW_DATAGRAMS));
        assertEquals(0, slow.counter(IpCounter.IP_IN_RECEIVES));
    }

    @Test
    void ttl_expiry_unreachable_and_unbound_port_are_counted_drops() {
        Host a = net.addHost("a", 1);
        net.addRouter("r", 11);
        Host b = net.addHost("b", 2);
        Host island = net.addHost("island", 3);
        net.connect("a", "r", dir(1_000_000_000, 0, 10), dir(1_000_000_000, 0, 10));
        net.connect("r", "b", dir(1_000_000_000, 0, 10), dir(1_000_000_000, 0, 10));
        net.computeRoutes();
        Datagram dying = new Datagram(1, 1, 2, 9, 100, 0, 0);
        dying.ttl = 1;
        a.send(dying, 0);
        assertFalse(a.send(new Datagram(1, 1, 3, 9, 100, 1, 0), 0));
        assertTrue(a.send(new Datagram(1, 1, 2, 77, 100, 2, 0), 0));
        sim.run(Long.MAX_VALUE);
        assertEquals(1, net.drops().get(DropCause.TTL_EXCEEDED));
        assertEquals(1, net.drops().get(DropCause.NO_ROUTE));
        assertEquals(1, net.drops().get(DropCause.NO_PORT));
        assertEquals(0, island.counter(IpCounter.IP_IN_RECEIVES));
    }

    @Test
    void a_packet_above_the_mtu_is_dropped_and_counted_as_frag_fails() {
        Host a = net.addHost("a", 1);
        net.addHost("b", 2);
        net.connect("a", "b", dir(1_000_000_000, 0, 10), dir(1_000_000_000, 0, 10));
        net.computeRoutes();
        a.send(new Datagram(1, 1, 2, 9, 1501, 0, 0), 0);
        assertEquals(1, a.counter(IpCounter.IP_FRAG_FAILS));
        assertEquals(1, net.drops().get(DropCause.MTU_EXCEEDED));
    }

    @Test
    void hosts_do_not_forward_even_when_the_path_through_them_is_shorter() {
        Host a = net.addHost("a", 1);
        Host mid = net.addHost("mid", 5);
        net.addRouter("r", 11);
        Host b = net.addHost("b", 2);
        net.connect("a", "mid", dir(1_000_000_000, MS, 10), dir(1_000_000_000, MS, 10));
        net.connect("mid", "b", dir(1_000_000_000, MS, 10), dir(1_000_000_000, MS, 10));
        net.connect("a", "r", dir(1_000_000_000, 10 * MS, 10), dir(1_000_000_000, 10 * MS, 10));
        net.connect("r", "b", dir(1_000_000_000, 10 * MS, 10), dir(1_000_000_000, 10 * MS, 10));
        Host c = net.addHost("c", 3);
        net.connect("b", "c", dir(1_000_000_000, MS, 10), dir(1_000_000_000, MS, 10));
        net.computeRoutes();
        List<Long> got = arrivals(b, 9);
        a.send(new Datagram(1, 1, 2, 9, 125, 0, 0), 0);
        sim.run(Long.MAX_VALUE);
        assertEquals(List.of(20 * MS + 2_000L), got, "via the router (20 ms), not the 2 ms path through host mid");
        assertEquals(0, mid.counter(IpCounter.IP_IN_RECEIVES));
        assertFalse(net.connected(a.index(), c.index()), "c hangs off host b, which does not forward");
        assertFalse(a.send(new Datagram(1, 1, 3, 9, 125, 1, 0), sim.now()));
    }
}
