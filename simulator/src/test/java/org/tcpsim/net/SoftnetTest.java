package org.tcpsim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcpsim.engine.RandomStreams;
import org.tcpsim.engine.Simulation;
import org.tcpsim.net.loss.LossModelSpec;

/**
 * The softnet backlog against [6.18] net/core/dev.c: enqueue_to_backlog: a packet is dropped when
 * its CPU's input queue already holds more than netdev_max_backlog packets, so a queue holds
 * max + 1 waiting packets, plus the one the CPU is processing. Arrival times come from the link
 * (1000-byte datagrams at 1 Gbps: one every 8 us), service times from packets_per_second.
 */
class SoftnetTest {
    private static final long US = 1_000L;
    private static final int SIZE = 1000;
    private static final long SERIALISATION = 8 * US; // 1000 B at 1 Gbps
    private static final long DELAY = 100 * US;

    private final Simulation sim = new Simulation();
    private final Network net = new Network(sim, new RandomStreams(1));
    private final Host a = net.addHost("a", Ipv4Address.parse("10.0.0.1"));
    private final Host b = net.addHost("b", Ipv4Address.parse("10.0.0.2"));
    private final List<Long> got = new ArrayList<>();

    SoftnetTest() {
        LinkDirection d = new LinkDirection(1_000_000_000L, DELAY, 100_000, true, 1500, LossModelSpec.NONE, 0, 0, 0);
        net.connect("a", "b", d, d);
        net.computeRoutes();
    }

    private void sink(int port) {
        b.bindDatagram(port, (dg, now) -> got.add(now));
    }

    /** {@code n} datagrams from a to b:port, all handed to IP at t = 0: they arrive one per 8 us. */
    private void burst(int n, int port) {
        for (int i = 0; i < n; i++) {
            a.send(new Datagram(a.address(), 1, b.address(), port, SIZE, i, 0), 0);
        }
    }

    /** When datagram i of a burst reaches b's NIC. */
    private static long arrival(int i) {
        return (i + 1) * SERIALISATION + DELAY;
    }

    /**
     * A burst of N = 1000 into one CPU that takes 20 us per packet (50 000 packets/s), with
     * netdev_max_backlog = 100. Arrivals (every 8 us) outpace service from the first packet on, so
     * the CPU never idles: by the last arrival, t_last, it has started floor((t_last - t_0) / s) + 1
     * packets, and the queue behind it is full (max + 1). Every other packet was dropped:
     * dropped = N - (max + 1) - started = 1000 - 101 - (floor(999 * 8 / 20) + 1) = 499.
     */
    @Test
    void a_burst_faster_than_the_cpu_drops_all_but_the_queue_and_what_was_served() {
        int n = 1000;
        int max = 100;
        long pps = 50_000;
        long s = Softnet.serviceNs(pps);
        assertEquals(20 * US, s);
        b.configureSoftnet(1, pps, max);
        sink(9);
        burst(n, 9);
        sim.run(Long.MAX_VALUE);

        long started = (arrival(n - 1) - arrival(0)) / s + 1;
        long expectedDropped = n - (max + 1) - started;
        assertEquals(499, expectedDropped);
        assertEquals(expectedDropped, b.softnet().dropped(0), "softnet_stat dropped");
        assertEquals(expectedDropped, net.drops().get(DropCause.SOFTNET_BACKLOG));
        assertEquals(n - expectedDropped, got.size());
        assertEquals(n - expectedDropped, b.softnet().processed(0), "softnet_stat processed");
        assertEquals(n - expectedDropped, b.counter(IpCounter.IP_IN_RECEIVES), "dropped packets never reach ip_rcv");
        assertEquals(n, net.links().get(0).aToB().stats().delivered(), "the link delivered all of them to the NIC");
        // served back to back from the first arrival: packet k leaves the CPU at t_0 + (k + 1) s
        for (int k = 0; k < got.size(); k++) {
            assertEquals(arrival(0) + (k + 1) * s, (long) got.get(k), "packet " + k);
        }
    }

    /**
     * The boundary, with one CPU slow enough (1 ms per packet) that a whole burst arrives while the
     * first packet is processed: max + 2 packets (one processing, max + 1 waiting) all get in,
     * one more is the first drop. Checked for netdev_max_backlog 0, 1 and 10.
     */
    @Test
    void exactly_max_plus_two_fit_while_the_first_is_processed_and_the_next_is_dropped() {
        for (int max : new int[] {0, 1, 10}) {
            for (int extra : new int[] {0, 1}) {
                SoftnetTest t = new SoftnetTest();
                t.b.configureSoftnet(1, 1000, max);
                t.sink(9);
                int n = max + 2 + extra;
                assertTrue(arrival(n - 1) < arrival(0) + Softnet.serviceNs(1000), "the burst fits in one service time");
                t.burst(n, 9);
                t.sim.run(Long.MAX_VALUE);
                assertEquals(extra, t.b.softnet().dropped(), "max " + max + ", burst " + n);
                assertEquals(max + 2, t.got.size(), "max " + max + ", burst " + n);
            }
        }
    }

    /** Arrivals no faster than the CPU never queue, so even netdev_max_backlog = 0 never drops. */
    @Test
    void arrivals_at_or_below_the_service_rate_are_never_dropped() {
        for (long gap : new long[] {20 * US, 21 * US, 100 * US}) {
            SoftnetTest t = new SoftnetTest();
            t.b.configureSoftnet(1, 50_000, 0);
            t.sink(9);
            int n = 5000;
            for (int i = 0; i < n; i++) {
                long at = i * gap;
                int seq = i;
                t.sim.schedule(at, now -> t.a.send(new Datagram(t.a.address(), 1, t.b.address(), 9, SIZE, seq, now), now));
            }
            t.sim.run(Long.MAX_VALUE);
            assertEquals(0, t.b.softnet().dropped(), "gap " + gap);
            assertEquals(n, t.got.size());
        }
    }

    /** The queue length a sampler reads: max + 1 at the end of an overload, then one less per service time. */
    @Test
    void backlog_is_full_after_an_overload_and_drains_one_packet_per_service_time() {
        int max = 100;
        b.configureSoftnet(1, 50_000, max);
        sink(9);
        burst(1000, 9);
        long s = Softnet.serviceNs(50_000);
        long last = arrival(999);
        sim.run(last);
        assertEquals(max + 1, b.softnet().backlog(0, last));
        // the CPU finishes a packet every s from arrival(0); sample just after each of the next 3
        long nextEnd = arrival(0) + ((last - arrival(0)) / s + 1) * s;
        for (int k = 0; k < 3; k++) {
            long at = nextEnd + k * s;
            sim.run(at);
            assertEquals(max - k, b.softnet().backlog(0, at), "at " + at);
        }
        sim.run(Long.MAX_VALUE);
        assertEquals(0, b.softnet().backlog(0, sim.now()));
    }

    /** enqueue_to_backlog compares the unsigned queue length with the int sysctl: a negative value never drops. */
    @Test
    void a_negative_netdev_max_backlog_never_drops_as_the_unsigned_comparison_in_linux() {
        b.configureSoftnet(1, 1000, -1);
        sink(9);
        burst(5000, 9);
        sim.run(Long.MAX_VALUE);
        assertEquals(0, b.softnet().dropped());
        assertEquals(5000, got.size());
    }

    /** Steering is a pure function of the flow: the same flow always lands on one CPU, and flows spread evenly. */
    @Test
    void the_four_tuple_hash_spreads_flows_over_cpus_deterministically() {
        int cpus = 4;
        int flows = 4096;
        int[] perCpu = new int[cpus];
        for (int port = 10_000; port < 10_000 + flows; port++) {
            Datagram d = new Datagram(a.address(), port, b.address(), 9, SIZE, 0, 0);
            int cpu = Softnet.steer(d, cpus);
            assertEquals(cpu, Softnet.steer(new Datagram(a.address(), port, b.address(), 9, 100, 7, 5), cpus),
                    "only the flow decides, not length or payload");
            perCpu[cpu]++;
        }
        for (int c = 0; c < cpus; c++) {
            // a uniform hash puts flows/cpus = 1024 on each, with sd ~ 28: allow 6 sd
            assertTrue(Math.abs(perCpu[c] - flows / cpus) < 170, "cpu " + c + " got " + perCpu[c]);
        }
        // pinned: the same experiment must put the same flows on the same CPUs in every version
        List<Integer> firstTwelve = new ArrayList<>();
        for (int port = 1; port <= 12; port++) {
            firstTwelve.add(Softnet.steer(new Datagram(a.address(), port, b.address(), 9, SIZE, 0, 0), cpus));
        }
        assertEquals(List.of(3, 0, 0, 1, 3, 3, 1, 1, 0, 0, 2, 2), firstTwelve);
        assertEquals(cpus, new HashSet<>(firstTwelve).size(), "a dozen flows already reach all 4 CPUs");
        assertEquals(0, Softnet.steer(new Datagram(a.address(), 1, b.address(), 9, SIZE, 0, 0), 1));
    }

    /** Two flows on different CPUs have separate queues: flooding one never drops the other. */
    @Test
    void a_flood_on_one_cpu_leaves_another_cpus_flow_alone() {
        int cpus = 2;
        int quietPort = -1;
        Datagram flood = new Datagram(a.address(), 1, b.address(), 9, SIZE, 0, 0);
        int floodCpu = Softnet.steer(flood, cpus);
        for (int port = 2; port < 100 && quietPort < 0; port++) {
            if (Softnet.steer(new Datagram(a.address(), port, b.address(), 10, SIZE, 0, 0), cpus) != floodCpu) {
                quietPort = port;
            }
        }
        assertTrue(quietPort > 0);
        b.configureSoftnet(cpus, 50_000, 10);
        List<Long> quiet = new ArrayList<>();
        sink(9);
        b.bindDatagram(10, (dg, now) -> quiet.add(now));
        for (int i = 0; i < 1000; i++) {
            a.send(new Datagram(a.address(), 1, b.address(), 9, SIZE, i, 0), 0);
            if (i % 10 == 0) {
                a.send(new Datagram(a.address(), quietPort, b.address(), 10, SIZE, i, 0), 0);
            }
        }
        sim.run(Long.MAX_VALUE);
        assertEquals(100, quiet.size(), "the quiet flow's CPU keeps up with one packet per 88 us");
        assertEquals(0, b.softnet().dropped(1 - floodCpu));
        assertTrue(b.softnet().dropped(floodCpu) > 0);
    }

    /** packets_per_second = 0 is the unlimited default: no softnet, no extra event, same arrival times. */
    @Test
    void zero_packets_per_second_delivers_at_once_without_any_event() {
        b.configureSoftnet(4, 0, 1000);
        assertNull(b.softnet());
        sink(9);
        burst(100, 9);
        sim.run(Long.MAX_VALUE);
        for (int i = 0; i < 100; i++) {
            assertEquals(arrival(i), (long) got.get(i));
        }
        assertEquals(100, sim.eventsExecuted(), "one event per packet: its arrival");
        assertEquals(0, net.drops().get(DropCause.SOFTNET_BACKLOG));
    }

    /** A limited CPU adds exactly one event per packet it processes (and none for a drop). */
    @Test
    void a_limited_cpu_costs_one_event_per_processed_packet() {
        b.configureSoftnet(1, 50_000, 100);
        sink(9);
        burst(1000, 9);
        sim.run(Long.MAX_VALUE);
        assertEquals(1000 + b.softnet().processed(), sim.eventsExecuted());
    }
}
