package org.tcpsim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpsim.engine.RandomStreams;
import org.tcpsim.engine.Simulation;
import org.tcpsim.net.loss.LossModelSpec;

/** A direction's framing bytes lengthen each packet's time on the wire and nothing else. */
class LinkFramingTest {
    private static final long US = 1_000L;

    private static LinkDirection direction(long queueBytes, int framing) {
        return new LinkDirection(10_000_000, 100 * US, queueBytes, false, 1500, LossModelSpec.NONE, 0, 0, 0, false,
                framing);
    }

    /** Four 1250-byte datagrams sent at once over 10 Mbit/s; the arrival times and the link's stats. */
    private static List<Long> arrivals(int framing, long queueBytes, InterfaceStats[] stats) {
        Simulation sim = new Simulation();
        Network net = new Network(sim, new RandomStreams(1));
        Host a = net.addHost("a", 1);
        Host b = net.addHost("b", 2);
        Link link = net.connect("a", "b", direction(queueBytes, framing), direction(1 << 20, 0));
        net.computeRoutes();
        List<Long> at = new ArrayList<>();
        b.bindDatagram(9, (dg, now) -> at.add(now));
        sim.schedule(0, now -> {
            for (int i = 0; i < 4; i++) {
                a.send(new Datagram(1, 1, 2, 9, 1250, i, now), now);
            }
        });
        sim.run(Long.MAX_VALUE);
        stats[0] = link.aToB().stats();
        return at;
    }

    @Test
    void framing_adds_its_bytes_to_every_packets_serialisation() {
        InterfaceStats[] s = new InterfaceStats[1];
        // 1250 bytes at 10 Mbit/s: 1000 us each, then 100 us of propagation
        assertEquals(List.of(1100 * US, 2100 * US, 3100 * US, 4100 * US), arrivals(0, 1 << 20, s));
        // 38 bytes of Ethernet framing (header, FCS, preamble, gap): 1288 bytes, 1030.4 us each
        assertEquals(List.of(1130400L, 2160800L, 3191200L, 4221600L), arrivals(38, 1 << 20, s));
        // the byte counters stay IP bytes
        assertEquals(4 * 1250, s[0].txBytes());
    }

    @Test
    void framing_does_not_count_against_a_byte_queue() {
        InterfaceStats[] s = new InterfaceStats[1];
        // one packet on the wire, two more waiting fill 2500 bytes exactly: the fourth is dropped with or without framing
        arrivals(0, 2500, s);
        assertEquals(1, s[0].droppedQueue());
        arrivals(38, 2500, s);
        assertEquals(1, s[0].droppedQueue());
    }

    @Test
    void serialisation_rounds_up_to_whole_nanoseconds() {
        LinkDirection d = new LinkDirection(1_000_000_000L, 0, 10, true, 1500, LossModelSpec.NONE, 0, 0, 0, false, 14);
        assertEquals(12_112, d.serializationNs(1500)); // 1514 bytes at 1 Gbit/s
        LinkDirection odd = new LinkDirection(3_000_000_000L, 0, 10, true, 1500, LossModelSpec.NONE, 0, 0, 0, false, 1);
        assertEquals(3, odd.serializationNs(0)); // 8 bits at 3 Gbit/s: 2.67 ns, rounded up
    }

    @Test
    void negative_or_huge_framing_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> direction(100, -1));
        assertThrows(IllegalArgumentException.class, () -> direction(100, LinkDirection.MAX_FRAMING_BYTES + 1));
    }
}
