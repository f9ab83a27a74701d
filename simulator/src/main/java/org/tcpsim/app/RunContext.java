package org.tcpsim.app;

import java.util.SplittableRandom;
import org.tcpsim.engine.RandomStreams;
import org.tcpsim.engine.Simulation;
import org.tcpsim.net.Network;

/** What an installed workload may use: the clock, the network, its own random streams, the run length. */
public record RunContext(Simulation sim, Network network, RandomStreams random, long durationNs) {
    /** A stream private to this workload and purpose, e.g. stream(workload, "arrivals"). */
    public SplittableRandom stream(Workload w, String purpose) {
        return random.stream("workload:" + w.name() + ":" + purpose);
    }
}
