package org.tcpsim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tcpsim.engine.RandomStreams;
import org.tcpsim.engine.Simulation;
import org.tcpsim.net.FilterRule.Direction;
import org.tcpsim.net.FilterRule.Payload;
import org.tcpsim.net.loss.LossModelSpec;

/** Host packet filters: direction, ports, payload, time window, probability, and how drops are counted. */
class PacketFilterTest {
    private static final long MS = 1_000_000L;

    /** Two hosts on a 1 Gbps, 1 ms link; b listens on UDP 9 and 10, a on 9. */
    private static final class Bed {
        final Simulation sim = new Simulation();
        final Network net;
        final Host a;
        final Host b;
        final List<Long> atB = new ArrayList<>();
        final List<Long> atA = new ArrayList<>();

        Bed(long seed) {
            net = new Network(sim, new RandomStreams(seed));
            a = net.addHost("a", Ipv4Address.parse("10.0.0.1"));
            b = net.addHost("b", Ipv4Address.parse("10.0.0.2"));
            LinkDirection d = new LinkDirection(1_000_000_000L, MS, 100_000, true, 1500, LossModelSpec.NONE, 0, 0, 0);
            net.connect("a", "b", d, d);
            net.computeRoutes();
            b.bindDatagram(9, (dg, now) -> atB.add(dg.seq));
            b.bindDatagram(10, (dg, now) -> atB.add(dg.seq));
            a.bindDatagram(9, (dg, now) -> atA.add(dg.seq));
        }

        /** One datagram per ms from each side, n of them. */
        void exchange(int n, int dstPortAtB) {
            for (int i = 0; i < n; i++) {
                long seq = i;
                sim.schedule(i * MS, now -> {
                    a.send(new Datagram(a.address(), 5000, b.address(), dstPortAtB, 200, seq, now), now);
                    b.send(new Datagram(b.address(), 9, a.address(), 9, 200, seq, now), now);
                });
            }
            sim.run(Long.MAX_VALUE);
        }
    }

    private final Bed bed = new Bed(1);
    private final Network net = bed.net;
    private final Host a = bed.a;
    private final Host b = bed.b;
    private final List<Long> atB = bed.atB;
    private final List<Long> atA = bed.atA;

    private void exchange(int n, int dstPortAtB) {
        bed.exchange(n, dstPortAtB);
    }

    private static FilterRule rule(String name, Direction dir, int protocol, int srcPort, int dstPort, double p) {
        return new FilterRule(name, dir, protocol, srcPort, dstPort, 0, 0, Payload.ANY, p, 0, Long.MAX_VALUE);
    }

    @Test
    void an_inbound_black_hole_drops_one_direction_only_and_counts_each_drop() {
        PacketFilter f = b.addFilter(FilterRule.blackHole("hole", Direction.IN));
        exchange(100, 9);
        assertEquals(List.of(), atB, "nothing from a reaches b's sockets");
        assertEquals(100, atA.size(), "b -> a is untouched");
        assertEquals(100, f.dropped());
        assertEquals(100, net.drops().get(DropCause.FILTER));
        assertEquals(100, b.counter(IpCounter.IP_IN_RECEIVES), "an input hook runs after ip_rcv counted the packet");
        assertEquals(0, b.counter(IpCounter.UDP_IN_DATAGRAMS));
        assertEquals(0, b.counter(IpCounter.IP_IN_DELIVERS));
    }

    @Test
    void an_outbound_black_hole_drops_before_the_link() {
        PacketFilter f = a.addFilter(FilterRule.blackHole("hole", Direction.OUT));
        exchange(100, 9);
        assertEquals(List.of(), atB);
        assertEquals(100, atA.size());
        assertEquals(100, f.dropped());
        assertEquals(100, a.counter(IpCounter.IP_OUT_REQUESTS), "counted as sent by IP, then dropped by the hook");
        assertEquals(0, net.links().get(0).aToB().stats().txPackets(), "never reached the interface");
        long sent = a.counter(IpCounter.IP_OUT_REQUESTS) + b.counter(IpCounter.IP_OUT_REQUESTS);
        long delivered = a.counter(IpCounter.IP_IN_DELIVERS) + b.counter(IpCounter.IP_IN_DELIVERS);
        long dropped = net.drops().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(sent, delivered + dropped, "every packet is accounted for");
    }

    @Test
    void ports_and_protocol_select_what_is_dropped() {
        b.addFilter(rule("port10", Direction.IN, Packet.PROTO_UDP, -1, 10, 1.0));
        b.addFilter(rule("tcp-only", Direction.IN, Packet.PROTO_TCP, -1, -1, 1.0));
        exchange(10, 9);
        assertEquals(10, atB.size(), "port 9 passes; the TCP rule never matches UDP");
        atB.clear();
        Bed t = new Bed(1);
        PacketFilter byPort = t.b.addFilter(rule("port10", Direction.IN, Packet.PROTO_UDP, -1, 10, 1.0));
        PacketFilter bySrc = t.b.addFilter(rule("src5000", Direction.IN, -1, 5000, -1, 1.0));
        t.exchange(10, 10);
        assertEquals(List.of(), t.atB);
        assertEquals(10, byPort.dropped(), "the first rule that drops counts the packet");
        assertEquals(0, bySrc.dropped());
    }

    @Test
    void payload_condition_and_time_window_restrict_a_rule() {
        PacketFilter window = b.addFilter(new FilterRule("window", Direction.IN, -1, -1, -1, 0, 0, Payload.NONEMPTY,
                1.0, 20 * MS, 50 * MS));
        exchange(100, 9);
        // datagram i arrives at i ms + 1 ms + serialisation: those sent at 19..48 ms arrive inside [20, 50) ms
        assertEquals(30, window.dropped());
        assertEquals(70, atB.size());
        Bed t = new Bed(1);
        PacketFilter empty = t.b.addFilter(new FilterRule("empty", Direction.IN, -1, -1, -1, 0, 0, Payload.EMPTY, 1.0,
                0, Long.MAX_VALUE));
        t.exchange(10, 9);
        assertEquals(0, empty.dropped(), "200-byte datagrams carry a payload");
    }

    /**
     * With p = 0.3 the drops among n = 20 000 matching packets are Binomial(n, 0.3): the count must
     * lie in its central 99.99 % interval, for several seeds.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void probability_p_drops_a_binomial_count(long seed) {
        int n = 20_000;
        double p = 0.3;
        Bed t = new Bed(seed);
        PacketFilter f = t.b.addFilter(rule("lossy", Direction.IN, -1, -1, -1, p));
        t.exchange(n, 9);
        BinomialDistribution d = new BinomialDistribution(null, n, p);
        int low = d.inverseCumulativeProbability(0.00005);
        int high = d.inverseCumulativeProbability(0.99995);
        assertEquals(n, f.matched());
        assertTrue(f.dropped() >= low && f.dropped() <= high,
                "seed " + seed + ": " + f.dropped() + " drops outside [" + low + ", " + high + "]");
        assertEquals(n - f.dropped(), t.atB.size());
    }

    @Test
    void a_filters_draws_come_from_its_own_stream() {
        Bed alone = new Bed(5);
        PacketFilter f1 = alone.b.addFilter(rule("lossy", Direction.IN, -1, -1, -1, 0.5));
        alone.exchange(1000, 9);
        Bed withAnother = new Bed(5);
        PacketFilter other = withAnother.a.addFilter(rule("other", Direction.IN, -1, -1, -1, 0.5));
        PacketFilter f2 = withAnother.b.addFilter(rule("lossy", Direction.IN, -1, -1, -1, 0.5));
        withAnother.exchange(1000, 9);
        assertTrue(other.dropped() > 0);
        assertEquals(alone.atB, withAnother.atB, "another host's filter must not shift this filter's draws");
        assertEquals(f1.dropped(), f2.dropped());
    }

    @Test
    void filter_names_are_unique_per_host() {
        b.addFilter(FilterRule.blackHole("x", Direction.IN));
        assertThrows(IllegalArgumentException.class, () -> b.addFilter(FilterRule.blackHole("x", Direction.OUT)));
        a.addFilter(FilterRule.blackHole("x", Direction.IN)); // another host may reuse it
    }

    @Test
    void flags_match_under_a_mask() {
        int syn = 0x02;
        int ack = 0x10;
        Packet synAck = new Packet() {
            @Override
            public int transportFlags() {
                return syn | ack;
            }
        };
        FilterRule includesSyn = new FilterRule("s", Direction.IN, -1, -1, -1, syn, syn, Payload.ANY, 1, 0, Long.MAX_VALUE);
        FilterRule exactlyAck = new FilterRule("a", Direction.IN, -1, -1, -1, 0xff, ack, Payload.ANY, 1, 0, Long.MAX_VALUE);
        assertTrue(includesSyn.matches(synAck, 0));
        assertTrue(!exactlyAck.matches(synAck, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new FilterRule("bad", Direction.IN, -1, -1, -1, syn, ack, Payload.ANY, 1, 0, Long.MAX_VALUE));
    }
}
