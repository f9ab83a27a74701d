package org.tcpsim.app;

import java.util.Map;
import java.util.SplittableRandom;
import org.tcpsim.engine.RandomStreams;
import org.tcpsim.engine.Simulation;
import org.tcpsim.net.Network;
import org.tcpsim.tcp.TcpStack;

/**
 * What an installed workload may use: the clock, the network, each host's TCP stack, its own
 * random streams, the run length, and where finished connections are reported.
 */
public record RunContext(Simulation sim, Network network, Map<String, TcpStack> tcp, RandomStreams random,
                         long durationNs, ConnectionSink connections) {
    /** A stream private to this workload and purpose, e.g. stream(workload, "arrivals"). */
    public SplittableRandom stream(Workload w, String purpose) {
        return random.stream("workload:" + w.name() + ":" + purpose);
    }

    /** The TCP stack of a host. */
    public TcpStack tcp(String host) {
        TcpStack s = tcp.get(host);
        if (s == null) {
            throw new IllegalArgumentException("no TCP stack on '" + host + "' (not a host?)");
        }
        return s;
    }
}
