package org.tcpsim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tcpsim.engine.RandomStreams;
import org.tcpsim.engine.Simulation;
import org.tcpsim.net.loss.LossModel;
import org.tcpsim.net.loss.LossModelSpec;

/**
 * Where a link direction loses packets. On the wire (the default) a lost packet was serialised first,
 * so it held the transmitter and the packets behind it waited; in front of the queue
 * ({@code "loss_at": "enqueue"}, as tc netem's netem_enqueue and the bulk rig's delay line drop) it
 * takes neither queue space nor transmission time. At 10 % loss this is what lets BBR's delivery-rate
 * samples reach the link rate: with loss on the wire the link carries at most 90 % useful packets.
 *
 * <pre>
 *   a sends 3 x 1250 B back to back at t = 0 on 10 Mbit/s (1 ms each) + 2 ms, and loses the first:
 *   wire:     #1 0-1 ms lost | #2 1-2 ms, arrives 4 ms | #3 2-3 ms, arrives 5 ms
 *   enqueue:  #1 dropped     | #2 0-1 ms, arrives 3 ms | #3 1-2 ms, arrives 4 ms
 * </pre>
 */
class LossAtEnqueueTest {
    private static final long MS = 1_000_000L;

    /** Loses the first packet it is asked about, and no other. */
    private static LossModelSpec firstLost() {
        return new LossModelSpec() {
            @Override
            public LossModel create() {
                return new LossModel() {
                    private boolean first = true;

                    @Override
                    public boolean drop(SplittableRandom random, long nowNs) {
                        boolean d = first;
                        first = false;
                        return d;
                    }

                    @Override
                    public double expectedLossRate() {
                        return 0;
                    }
                };
            }

            @Override
            public double expectedLossRate() {
                return 0;
            }
        };
    }

    private static List<Long> arrivals(boolean lossAtEnqueue, int queue) {
        LinkDirection d = new LinkDirection(10_000_000, 2 * MS, queue, true, 1500, firstLost(), 0, 0, 0, lossAtEnqueue);
        LinkDirection back = new LinkDirection(10_000_000, 2 * MS, 100, true, 1500, LossModelSpec.NONE, 0, 0, 0);
        Simulation sim = new Simulation();
        Network net = new Network(sim, new RandomStreams(1));
        Host a = net.addHost("a", 1);
        Host b = net.addHost("b", 2);
        Link link = net.connect("a", "b", d, back);
        net.computeRoutes();
        List<Long> at = new ArrayList<>();
        b.bindDatagram(9, (dg, now) -> at.add(now));
        sim.schedule(0, now -> {
            for (int i = 0; i < 3; i++) {
                a.send(new Datagram(1, 1, 2, 9, 1250, i, now), now);
            }
        });
        sim.run(Long.MAX_VALUE);
        InterfaceStats s = link.aToB().stats();
        assertEquals(1, s.droppedLoss());
        assertEquals(3, s.txPackets() + s.droppedQueue());
        assertEquals(0, s.inFlight()); // sent = delivered + lost still holds
        return at;
    }

    @Test
    void lost_on_the_wire_the_packet_held_the_transmitter() {
        assertEquals(List.of(4 * MS, 5 * MS), arrivals(false, 10));
    }

    @Test
    void lost_at_enqueue_the_packet_takes_no_transmission_time() {
        assertEquals(List.of(3 * MS, 4 * MS), arrivals(true, 10));
    }

    @Test
    void lost_at_enqueue_the_packet_takes_no_queue_slot() {
        // one packet may wait behind the one on the wire: on the wire, the lost first packet is
        // being sent, the second waits and the third finds the queue full
        assertEquals(List.of(4 * MS), arrivals(false, 1));
        assertEquals(List.of(3 * MS, 4 * MS), arrivals(true, 1));
    }
}
