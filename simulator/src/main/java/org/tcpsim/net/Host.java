package org.tcpsim.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An end host: IP output (output filters, route lookup, interface queue) and IP input (softnet
 * backlog when its CPUs are limited, input filters, address check, then the protocol handler). It
 * does not forward. UDP port demultiplexing is built in; other protocols register a
 * {@link ProtocolHandler}.
 */
public final class Host extends Node {
    private static final PacketFilter[] NO_FILTERS = new PacketFilter[0];

    /** Handlers by IP protocol number, as long as the highest registered (UDP's 17, TCP's 6): not 256 per host. */
    private ProtocolHandler[] protocols = new ProtocolHandler[Packet.PROTO_UDP + 1];
    private final Map<Integer, DatagramReceiver> udpPorts = new HashMap<>();
    /** Null while packet processing is unlimited: packets go up the stack the instant they arrive. */
    private Softnet softnet;
    private PacketFilter[] inFilters = NO_FILTERS;
    private PacketFilter[] outFilters = NO_FILTERS;
    private final List<PacketFilter> filters = new ArrayList<>();
    private final Loopback loopback;

    Host(Network network, int index, String name, int address) {
        super(network, index, name, address);
        protocols[Packet.PROTO_UDP] = (p, now) -> deliverDatagram((Datagram) p, now);
        loopback = new Loopback(network.sim(), this);
    }

    @Override
    public NodeKind kind() {
        return NodeKind.HOST;
    }

    public void registerProtocol(int protocol, ProtocolHandler handler) {
        if (protocol >= protocols.length) {
            protocols = Arrays.copyOf(protocols, protocol + 1);
        }
        protocols[protocol] = handler;
    }

    /** Binds a UDP port; throws if taken (EADDRINUSE). */
    public void bindDatagram(int port, DatagramReceiver receiver) {
        if (udpPorts.putIfAbsent(port, receiver) != null) {
            throw new IllegalStateException("EADDRINUSE: UDP port " + port + " on " + name());
        }
    }

    /**
     * Limits received-packet processing to {@code packetsPerSecond} per CPU on {@code cpus} CPUs,
     * each with an input queue of net.core.netdev_max_backlog (see {@link Softnet}). A rate of 0
     * means unlimited (the default): packets go up the stack at once and nothing is queued.
     * Must be called before the first packet arrives.
     */
    public void configureSoftnet(int cpus, long packetsPerSecond, int netdevMaxBacklog) {
        if (packetsPerSecond < 0) {
            throw new IllegalArgumentException("packets per second must not be negative");
        }
        softnet = packetsPerSecond == 0 ? null
                : new Softnet(network().sim(), this, cpus, packetsPerSecond, netdevMaxBacklog);
        loopback.setMaxBacklog(netdevMaxBacklog);
    }

    /** The host's lo, which carries every packet to its own address. */
    public Loopback loopback() {
        return loopback;
    }

    /** The softnet backlog, or null when packet processing is unlimited. */
    public Softnet softnet() {
        return softnet;
    }

    /** Backlog drops over all CPUs, lo's included (softnet_stat "dropped"). */
    public long softnetDropped() {
        return (softnet == null ? 0 : softnet.dropped()) + loopback.dropped();
    }

    /**
     * Installs a filter rule after the ones already there; rules are tried in order and the
     * first that drops a packet counts it. Its random stream is named after this host and the rule.
     */
    public PacketFilter addFilter(FilterRule rule) {
        for (PacketFilter f : filters) {
            if (f.name().equals(rule.name())) {
                throw new IllegalArgumentException("host " + name() + " already has a filter named '" + rule.name() + "'");
            }
        }
        PacketFilter f = new PacketFilter(rule, network().streams().stream("host:" + name() + ":filter:" + rule.name()));
        filters.add(f);
        if (rule.direction() == FilterRule.Direction.IN) {
            inFilters = append(inFilters, f);
        } else {
            outFilters = append(outFilters, f);
        }
        return f;
    }

    /** The installed filters in the order they were added. */
    public List<PacketFilter> filters() {
        return List.copyOf(filters);
    }

    /** Filter drops over all rules. */
    public long filterDropped() {
        long sum = 0;
        for (PacketFilter f : filters) {
            sum += f.dropped();
        }
        return sum;
    }

    /**
     * IP output: counted, then the output filters (nftables output hook), then lo or the
     * route. Returns false only if the packet was dropped for want of a route (a filtered packet
     * is dropped silently, as if lost).
     */
    public boolean send(Packet p, long now) {
        count(IpCounter.IP_OUT_REQUESTS);
        if (p.protocol == Packet.PROTO_UDP) {
            count(IpCounter.UDP_OUT_DATAGRAMS);
        }
        if (outFilters.length > 0 && filtered(outFilters, p, now)) {
            return true;
        }
        if (owns(p.dst)) {
            loopback.xmit(p, now); // the route to an own address is lo (RTN_LOCAL)
            return true;
        }
        if (!transmit(p, now)) {
            count(IpCounter.IP_OUT_NO_ROUTES);
            return false;
        }
        return true;
    }

    /** A packet arrives from a link (or loopback): into the softnet backlog, or straight up when unlimited. */
    @Override
    public void receive(Packet p, Interface from, long now) {
        if (softnet != null) {
            softnet.enqueue(p, now); // Linux: enqueue_to_backlog; process_backlog calls ipReceive
            return;
        }
        ipReceive(p, now);
    }

    /** IP input once a CPU processes the packet: input filters (nftables prerouting), address check, protocol. */
    void ipReceive(Packet p, long now) {
        count(IpCounter.IP_IN_RECEIVES);
        if (inFilters.length > 0 && filtered(inFilters, p, now)) {
            return;
        }
        if (!owns(p.dst)) {
            count(IpCounter.IP_IN_ADDR_ERRORS);
            return;
        }
        int protocol = p.protocol & 0xff;
        ProtocolHandler handler = protocol < protocols.length ? protocols[protocol] : null;
        if (handler == null) {
            count(IpCounter.IP_IN_UNKNOWN_PROTOS);
            return;
        }
        count(IpCounter.IP_IN_DELIVERS);
        handler.deliver(p, now);
    }

    private static boolean filtered(PacketFilter[] rules, Packet p, long now) {
        for (PacketFilter f : rules) {
            if (f.drops(p, now)) {
                return true;
            }
        }
        return false;
    }

    private static PacketFilter[] append(PacketFilter[] rules, PacketFilter f) {
        PacketFilter[] out = Arrays.copyOf(rules, rules.length + 1);
        out[rules.length] = f;
        return out;
    }

    private void deliverDatagram(Datagram d, long now) {
        DatagramReceiver r = udpPorts.get(d.dstPort);
        if (r == null) {
            count(IpCounter.UDP_NO_PORTS);
            return;
        }
        count(IpCounter.UDP_IN_DATAGRAMS);
        r.receive(d, now);
    }
}
