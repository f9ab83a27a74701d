package org.tcpsim.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tcpsim.engine.RandomStreams;
import org.tcpsim.engine.Simulation;

/**
 * The simulated network: nodes, links, the address plan and static routes. Built once per run;
 * call {@link #computeRoutes()} after the last link is added.
 */
public final class Network {
    private final Simulation sim;
    private final RandomStreams streams;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Node> byName = new LinkedHashMap<>();
    private final List<Link> links = new ArrayList<>();
    private final AddressTable addresses = new AddressTable();
    private Reachability reachability;

    public Network(Simulation sim, RandomStreams streams) {
        this.sim = sim;
        this.streams = streams;
    }

    public Simulation sim() {
        return sim;
    }

    /** The run's named random streams (hosts draw their filters' streams from it). */
    RandomStreams streams() {
        return streams;
    }

    public Host addHost(String name, int address) {
        return register(new Host(this, nodes.size(), name, address));
    }

    /** A router; {@code address} 0 (0.0.0.0, INADDR_ANY) means it has none of its own: it only forwards. */
    public Router addRouter(String name, int address) {
        return register(address == 0 ? new Router(this, nodes.size(), name)
                : new Router(this, nodes.size(), name, address));
    }

    /** A NAT gateway with one public address whose private side is insideAddress/insidePrefixLength. */
    public NatGateway addNat(String name, int publicAddress, int insideAddress, int insidePrefixLength) {
        return addNat(name, new int[] {publicAddress}, insideAddress, insidePrefixLength);
    }

    /** A NAT gateway translating to any of {@code publicAddresses}. */
    public NatGateway addNat(String name, int[] publicAddresses, int insideAddress, int insidePrefixLength) {
        return register(new NatGateway(this, nodes.size(), name, publicAddresses.clone(), insideAddress,
                insidePrefixLength));
    }

    private <N extends Node> N register(N node) {
        if (byName.putIfAbsent(node.name(), node) != null) {
            throw new IllegalArgumentException("duplicate node name '" + node.name() + "'");
        }
        for (int a : node.addresses()) {
            if (addresses.get(a) >= 0) {
                throw new IllegalArgumentException("address " + Ipv4Address.format(a) + " is used twice");
            }
            addresses.put(a, node.index());
        }
        nodes.add(node);
        reachability = null;
        return node;
    }

    public Link connect(String a, String b, LinkDirection aToB, LinkDirection bToA) {
        Node na = node(a);
        Node nb = node(b);
        if (na == nb) {
            throw new IllegalArgumentException("a link must join two different nodes, got '" + a + "' twice");
        }
        Interface ab = new Interface(sim, streams, na, nb, aToB);
        Interface ba = new Interface(sim, streams, nb, na, bToA);
        na.interfaces.add(ab);
        nb.interfaces.add(ba);
        Link link = new Link(a + "<->" + b, ab, ba);
        links.add(link);
        reachability = null;
        return link;
    }

    /** Static shortest-path routes (see {@link Routing}); must run before the first packet. */
    public void computeRoutes() {
        reachability = Routing.reachability(this);
        Routing.install(this);
    }

    public Node node(String name) {
        Node n = byName.get(name);
        if (n == null) {
            throw new IllegalArgumentException("no node named '" + name + "'");
        }
        return n;
    }

    public boolean hasNode(String name) {
        return byName.containsKey(name);
    }

    public Node node(int index) {
        return nodes.get(index);
    }

    public List<Node> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    public List<Link> links() {
        return Collections.unmodifiableList(links);
    }

    /** The node owning an address, or -1. */
    public int nodeIndexOf(int address) {
        return addresses.get(address);
    }

    /** Whether packets sent by node a can arrive at node b (forwarded only by routers and NATs). */
    public boolean connected(int a, int b) {
        return reachability().canReach(a, b);
    }

    /** Who reaches whom in the topology as it stands; a new object after any node or link is added. */
    Reachability reachability() {
        if (reachability == null) {
            reachability = Routing.reachability(this);
        }
        return reachability;
    }

    /** Counts of every packet the network dropped, by cause, summed over nodes and links. */
    public Map<DropCause, Long> drops() {
        Map<DropCause, Long> out = new LinkedHashMap<>();
        for (DropCause c : DropCause.values()) {
            out.put(c, 0L);
        }
        for (Link l : links) {
            for (Interface i : List.of(l.aToB(), l.bToA())) {
                InterfaceStats s = i.stats();
                out.merge(DropCause.QUEUE_FULL, s.droppedQueue(), Long::sum);
                out.merge(DropCause.LINK_LOSS, s.droppedLoss(), Long::sum);
            }
        }
        for (Node n : nodes) {
            out.merge(DropCause.MTU_EXCEEDED, n.counter(IpCounter.IP_FRAG_FAILS), Long::sum);
            out.merge(DropCause.NO_ROUTE, n.counter(IpCounter.IP_OUT_NO_ROUTES)
                    + n.counter(IpCounter.IP_EXT_IN_NO_ROUTES), Long::sum);
            out.merge(DropCause.TTL_EXCEEDED, n.counter(IpCounter.IP_IN_HDR_ERRORS), Long::sum);
            out.merge(DropCause.NOT_FOR_HOST, n.counter(IpCounter.IP_IN_ADDR_ERRORS), Long::sum);
            out.merge(DropCause.UNKNOWN_PROTOCOL, n.counter(IpCounter.IP_IN_UNKNOWN_PROTOS), Long::sum);
            out.merge(DropCause.NO_PORT, n.counter(IpCounter.UDP_NO_PORTS), Long::sum);
            if (n instanceof NatGateway g) {
                out.merge(DropCause.CONNTRACK_FULL, g.dropped(NatTranslation.Verdict.DROP_TABLE_FULL), Long::sum);
                out.merge(DropCause.NAT_NO_PORT, g.dropped(NatTranslation.Verdict.DROP_NO_PORT), Long::sum);
                out.merge(DropCause.NAT_UNMATCHED, g.dropped(NatTranslation.Verdict.DROP_UNMATCHED), Long::sum);
            }
            if (n instanceof Host h) {
                out.merge(DropCause.SOFTNET_BACKLOG, h.softnetDropped(), Long::sum);
                out.merge(DropCause.FILTER, h.filterDropped(), Long::sum);
            }
        }
        return out;
    }
}
