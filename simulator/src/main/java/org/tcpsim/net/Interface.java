package org.tcpsim.net;

import java.util.SplittableRandom;
import org.tcpsim.engine.RandomStreams;
import org.tcpsim.engine.Simulation;
import org.tcpsim.net.loss.LossModel;

/**
 * One direction of a link, seen from the node that transmits on it: a drop-tail queue in
 * front of a transmitter of fixed rate, then the wire (delay, loss, reordering, duplication).
 * With {@link LinkDirection#lossAtEnqueue()} the loss model drops in front of the queue instead,
 * so a lost packet neither waits nor takes the transmitter's time (tc netem, the bulk rig).
 *
 * <p>One event per hop: on send we compute when the packet will start and finish
 * serialisation from the time the transmitter frees up, and schedule only its arrival at
 * the far end. The queue is a ring of the start times of packets still waiting, which is
 * all a drop-tail decision needs.
 */
public final class Interface {
    private final Simulation sim;
    private final Node owner;
    private final Node peer;
    private final String name;
    private final LinkDirection config;
    private final LossModel loss;
    private final boolean lossAtEnqueue;
    private final SplittableRandom lossRandom;
    private final SplittableRandom reorderRandom;
    private final SplittableRandom duplicateRandom;

    private long busyUntil;
    /**
     * The serialisation time of the last packet length sent, kept: a direction of a link mostly carries
     * one length (full data segments one way, ACKs the other), and this spares a 64-bit division per hop.
     */
    private int lastLength = -1;
    private long lastSerializationNs;
    /** Packets waiting behind the one being serialised: a ring, empty until a queue first forms. */
    private long[] waitingStart = new long[0];
    private int[] waitingBytes = new int[0];
    private int waitingHead;
    private int waitingCount;
    private long waitingTotalBytes;

    long txPackets;
    long txBytes;
    long droppedQueue;
    long droppedLoss;
    long droppedMtu;
    long reordered;
    long duplicated;
    long delivered;

    Interface(Simulation sim, RandomStreams streams, Node owner, Node peer, LinkDirection config) {
        this.sim = sim;
        this.owner = owner;
        this.peer = peer;
        this.name = owner.name() + "->" + peer.name();
        this.config = config;
        this.loss = config.loss().create();
        this.lossAtEnqueue = config.lossAtEnqueue();
        this.lossRandom = streams.stream("link:" + name + ":loss");
        this.reorderRandom = streams.stream("link:" + name + ":reorder");
        this.duplicateRandom = streams.stream("link:" + name + ":duplicate");
    }

    public String name() {
        return name;
    }

    public Node owner() {
        return owner;
    }

    public Node peer() {
        return peer;
    }

    public LinkDirection config() {
        return config;
    }

    /** Queues {@code p} for transmission at {@code now}; returns false if it was dropped here. */
    public boolean send(Packet p, long now) {
        if (p.length > config.mtu()) {
            droppedMtu++;
            owner.count(IpCounter.IP_FRAG_FAILS);
            return false;
        }
        if (lossAtEnqueue && loss.drop(lossRandom, now)) {
            return lostBeforeQueue(p);
        }
        releaseStarted(now);
        if (config.queueInPackets()
                ? waitingCount >= config.queueLimit()
                : waitingTotalBytes + p.length > config.queueLimit()) {
            droppedQueue++;
            return false;
        }
        long start = Math.max(now, busyUntil);
        if (p.length != lastLength) {
            lastSerializationNs = config.serializationNs(p.length);
            lastLength = p.length;
        }
        long end = start + lastSerializationNs;
        busyUntil = end;
        if (start > now) {
            enqueueWaiting(start, p.length);
        }
        txPackets++;
        txBytes += p.length;
        if (!lossAtEnqueue && loss.drop(lossRandom, now)) {
            droppedLoss++;
            return true; // accepted by the interface, lost on the wire
        }
        long arrival = end + config.delayNs();
        if (config.reorderProbability() > 0 && reorderRandom.nextDouble() < config.reorderProbability()) {
            arrival += config.reorderDelayNs();
            reordered++;
        }
        p.via = this;
        sim.schedule(arrival, p);
        if (config.duplicateProbability() > 0 && duplicateRandom.nextDouble() < config.duplicateProbability()) {
            Packet copy = p.duplicate();
            copy.via = this;
            sim.schedule(arrival, copy);
            duplicated++;
        }
        return true;
    }

    /**
     * Lost in front of the queue: counted as sent (tx_packets keeps counting what the interface
     * accepted, so sent = delivered + lost + in flight still holds) but never queued or serialised.
     */
    private boolean lostBeforeQueue(Packet p) {
        txPackets++;
        txBytes += p.length;
        droppedLoss++;
        return true;
    }

    void arrive(Packet p, long now) {
        delivered++;
        peer.receive(p, this, now);
    }

    /** Packets waiting in the queue at {@code now} (the one being serialised excluded). */
    public int backlogPackets(long now) {
        releaseStarted(now);
        return waitingCount;
    }

    public long backlogBytes(long now) {
        releaseStarted(now);
        return waitingTotalBytes;
    }

    private void releaseStarted(long now) {
        int mask = waitingStart.length - 1;
        while (waitingCount > 0 && waitingStart[waitingHead] <= now) {
            waitingTotalBytes -= waitingBytes[waitingHead];
            waitingHead = (waitingHead + 1) & mask;
            waitingCount--;
        }
    }

    private void enqueueWaiting(long start, int bytes) {
        if (waitingCount == waitingStart.length) {
            int n = waitingStart.length;
            long[] s = new long[Math.max(16, n * 2)];
            int[] b = new int[s.length];
            for (int i = 0; i < waitingCount; i++) {
                s[i] = waitingStart[(waitingHead + i) & (n - 1)];
                b[i] = waitingBytes[(waitingHead + i) & (n - 1)];
            }
            waitingStart = s;
            waitingBytes = b;
            waitingHead = 0;
        }
        int tail = (waitingHead + waitingCount) & (waitingStart.length - 1);
        waitingStart[tail] = start;
        waitingBytes[tail] = bytes;
        waitingCount++;
        waitingTotalBytes += bytes;
    }

    public InterfaceStats stats() {
        return new InterfaceStats(txPackets, txBytes, droppedQueue, droppedLoss, droppedMtu, reordered,
                duplicated, delivered);
    }
}
