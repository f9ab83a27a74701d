package org.tcpsim.tcp;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.tcpsim.net.loss.LossModel;
import org.tcpsim.net.loss.LossModelSpec;

/**
 * A packetdrill-like record of a {@link TcpTestbed} run: every state change with its simulated
 * time and cause, and (optionally) every segment each host sent or received with the time it
 * did. Conformance tests read expectations off it ("the SYN left at 0, 1, 2, 3 ... s").
 */
final class TcpTimeline {
    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;

    /** A state change; {@code rtoUs} is the socket's RTO at that moment (what tcp_fin_time() reads). */
    record Transition(long atNs, String host, long connId, TcpState from, TcpState to, String cause, long rtoUs) {
        @Override
        public String toString() {
            return String.format("%.6fs %s#%d %s->%s (%s)", atNs / 1e9, host, connId, from, to, cause);
        }
    }

    record Wire(long atNs, String host, boolean sent, TcpSegment seg) {
        @Override
        public String toString() {
            return String.format("%.6fs %s %s %s", atNs / 1e9, host, sent ? "out" : "in ", seg);
        }
    }

    final TcpTestbed tb;
    final List<Transition> transitions = new ArrayList<>();
    final List<Wire> wire = new ArrayList<>();
    /** Called after each state change is recorded (a test may act on it, e.g. arm a loss). */
    java.util.function.Consumer<Transition> onTransition = t -> { };
    /** Called for each captured segment, before the receiving host processes it (a test may arm a loss). */
    java.util.function.Consumer<Wire> onWire = w -> { };

    /** Records state changes of both hosts; with {@code capture} also every segment on the wire. */
    TcpTimeline(TcpTestbed tb, boolean capture) {
        this.tb = tb;
        tb.client.setStateTrace(trace("client"));
        tb.server.setStateTrace(trace("server"));
        if (capture) {
            capture(tb.client);
            capture(tb.server);
        }
    }

    private StateTrace trace(String host) {
        return (id, sock, from, to, cause, now) -> {
            Transition tr = new Transition(now, host, id, from, to, cause, sock == null ? -1 : sock.snd.rtt.rtoUs());
            transitions.add(tr);
            tb.trace.add(host + " " + from + "->" + to);
            onTransition.accept(tr);
        };
    }

    private void capture(TcpStack stack) {
        int self = stack.host().address();
        String name = stack.host().name();
        stack.setCapture(p -> {
            Wire w = new Wire(tb.sim.now(), name, p.src == self, (TcpSegment) p);
            wire.add(w);
            onWire.accept(w);
        });
    }

    /** Time of the first transition {@code from -> to} on {@code host}; fails if there is none. */
    long when(String host, TcpState from, TcpState to) {
        for (Transition t : transitions) {
            if (t.host.equals(host) && t.from == from && t.to == to) {
                return t.atNs;
            }
        }
        throw new AssertionError("no " + host + " " + from + "->" + to + " in " + transitions);
    }

    /** The first transition {@code from -> to} on {@code host}, or null. */
    Transition find(String host, TcpState from, TcpState to) {
        for (Transition t : transitions) {
            if (t.host.equals(host) && t.from == from && t.to == to) {
                return t;
            }
        }
        return null;
    }

    /** Times at which {@code host} sent (sent = true) or received segments matching {@code what}. */
    List<Long> times(String host, boolean sent, Predicate<TcpSegment> what) {
        List<Long> out = new ArrayList<>();
        for (Wire w : wire) {
            if (w.host.equals(host) && w.sent == sent && what.test(w.seg)) {
                out.add(w.atNs);
            }
        }
        return out;
    }

    List<Wire> segments(String host, boolean sent, Predicate<TcpSegment> what) {
        List<Wire> out = new ArrayList<>();
        for (Wire w : wire) {
            if (w.host.equals(host) && w.sent == sent && what.test(w.seg)) {
                out.add(w);
            }
        }
        return out;
    }

    static boolean pureSyn(TcpSegment s) {
        return s.has(TcpSegment.SYN) && !s.has(TcpSegment.ACK);
    }

    static boolean synAck(TcpSegment s) {
        return s.has(TcpSegment.SYN) && s.has(TcpSegment.ACK);
    }

    /** Times in whole milliseconds (the kernel's timers run in jiffies; HZ = 1000). */
    static List<Long> millis(List<Long> ns) {
        List<Long> out = new ArrayList<>();
        for (long t : ns) {
            out.add(Math.round(t / 1e6));
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Transition t : transitions) {
            sb.append("\n  ").append(t);
        }
        return sb.toString();
    }

    String wireDump() {
        StringBuilder sb = new StringBuilder();
        for (Wire w : wire) {
            sb.append("\n  ").append(w);
        }
        return sb.toString();
    }

    /**
     * A loss model a test steers: drops every packet while {@link #dropAll} is set, and the next
     * {@link #dropNext} packets put on the wire. Links call it in transmission order, so setting
     * dropNext just before a host sends a segment loses exactly that segment.
     */
    static final class ScriptedLoss implements LossModelSpec, LossModel {
        boolean dropAll;
        int dropNext;
        /** Packets to let through before dropAll applies (e.g. 1: the SYN passes, then nothing does). */
        int passFirst;
        int seen;
        int dropped;

        @Override
        public LossModel create() {
            return this;
        }

        @Override
        public boolean drop(SplittableRandom random, long nowNs) {
            seen++;
            if (seen <= passFirst) {
                return false;
            }
            if (dropNext > 0) {
                dropNext--;
                dropped++;
                return true;
            }
            if (dropAll) {
                dropped++;
            }
            return dropAll;
        }

        @Override
        public double expectedLossRate() {
            return dropAll ? 1 : 0;
        }
    }
}
