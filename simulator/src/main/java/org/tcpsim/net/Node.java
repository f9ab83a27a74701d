package org.tcpsim.net;

import java.util.ArrayList;
import java.util.List;

/** A node of the topology: owns addresses and interfaces, counts its IP MIB counters, forwards by its route table. */
public abstract class Node {
    private final Network network;
    private final int index;
    private final String name;
    private final int[] addresses;
    private final long[] counters = new long[IpCounter.values().length];
    final List<Interface> interfaces = new ArrayList<>();
    /**
     * Outgoing interface per node with a choice (indexed by {@link Routing#coreOf}); null for a
     * node with one link (all its traffic leaves by it).
     */
    Interface[] routes;
    /** The run's routing plan, shared by all nodes. */
    Routing routing;
    /**
     * A node with one link (no {@link #routes}): its last destination address, that address's node
     * and the interface to it (null: unreachable), valid while the topology is {@link #memoFor}.
     * Most of a host's packets go to the peer of its last one; this spares them the address table
     * and the reachability walk.
     */
    private Reachability memoFor;
    private int memoAddress;
    private int memoNode;
    private Interface memoOut;

    protected Node(Network network, int index, String name, int... addresses) {
        this.network = network;
        this.index = index;
        this.name = name;
        this.addresses = addresses.clone();
    }

    public abstract NodeKind kind();

    /** A packet arrives on {@code from} (null for local loopback delivery). */
    public abstract void receive(Packet p, Interface from, long now);

    public final Network network() {
        return network;
    }

    public final int index() {
        return index;
    }

    public final String name() {
        return name;
    }

    /** The node's main address (the first configured); 0 for a router without one. */
    public final int address() {
        return addresses.length == 0 ? 0 : addresses[0];
    }

    public final int[] addresses() {
        return addresses.clone();
    }

    public final boolean owns(int address) {
        for (int a : addresses) {
            if (a == address) {
                return true;
            }
        }
        return false;
    }

    public final List<Interface> interfaces() {
        return List.copyOf(interfaces);
    }

    /** The smallest MTU of the node's interfaces, 0 without any (read at every socket's creation: no copy of the list). */
    public final int smallestMtu() {
        int mtu = 0;
        for (int i = 0; i < interfaces.size(); i++) {
            int m = interfaces.get(i).config().mtu();
            mtu = mtu == 0 ? m : Math.min(mtu, m);
        }
        return mtu;
    }

    public final void count(IpCounter c) {
        counters[c.ordinal()]++;
    }

    public final long counter(IpCounter c) {
        return counters[c.ordinal()];
    }

    /** The interface towards node {@code dstNode}, or null if unreachable. */
    public final Interface routeTo(int dstNode) {
        if (dstNode < 0 || dstNode == index) {
            return null;
        }
        if (routes == null) {
            return interfaces.size() == 1 && network.connected(index, dstNode) ? interfaces.get(0) : null;
        }
        Routing r = routing;
        if (r.gatewayOf[dstNode] == index) {
            return r.downlink[dstNode]; // a single-link neighbour
        }
        int core = r.coreOf[dstNode];
        return core < 0 ? null : routes[core];
    }

    /** Resolves the packet's destination node and sends it on the next hop; false if there is no route. */
    protected final boolean transmit(Packet p, long now) {
        Interface out;
        if (p.dstNode < 0 && routes == null) {
            Reachability r = network.reachability();
            if (r != memoFor || p.dst != memoAddress) {
                memoNode = network.nodeIndexOf(p.dst);
                memoOut = routeTo(memoNode);
                memoAddress = p.dst;
                memoFor = r;
            }
            p.dstNode = memoNode;
            out = memoOut;
        } else {
            if (p.dstNode < 0) {
                p.dstNode = network.nodeIndexOf(p.dst);
            }
            out = routeTo(p.dstNode);
        }
        if (out == null) {
            return false;
        }
        out.send(p, now);
        return true;
    }

    @Override
    public String toString() {
        return kind().jsonName() + " " + name;
    }
}
