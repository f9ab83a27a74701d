package org.tcpsim.net;

import java.util.HashMap;
import java.util.Map;
import org.tcpsim.engine.Event;

/**
 * An end host: IP output (route lookup, interface queue) and IP input (address check, then
 * the protocol handler). It does not forward. UDP port demultiplexing is built in; other
 * protocols register a {@link ProtocolHandler}.
 */
public final class Host extends Node {
    private final ProtocolHandler[] protocols = new ProtocolHandler[256];
    private final Map<Integer, DatagramReceiver> udpPorts = new HashMap<>();

    Host(Network network, int index, String name, int address) {
        super(network, index, name, address);
        protocols[Packet.PROTO_UDP] = (p, now) -> deliverDatagram((Datagram) p, now);
    }

    @Override
    public NodeKind kind() {
        return NodeKind.HOST;
    }

    public void registerProtocol(int protocol, ProtocolHandler handler) {
        protocols[protocol] = handler;
    }

    /** Binds a UDP port; throws if taken (EADDRINUSE). */
    public void bindDatagram(int port, DatagramReceiver receiver) {
        if (udpPorts.putIfAbsent(port, receiver) != null) {
            throw new IllegalStateException("EADDRINUSE: UDP port " + port + " on " + name());
        }
    }

    /** IP output: returns false if the packet was dropped for want of a route. */
    public boolean send(Packet p, long now) {
        count(IpCounter.IP_OUT_REQUESTS);
        if (p.protocol == Packet.PROTO_UDP) {
            count(IpCounter.UDP_OUT_DATAGRAMS);
        }
        if (owns(p.dst)) {
            network().sim().schedule(now, (Event) t -> receive(p, null, t)); // loopback
            return true;
        }
        if (!transmit(p, now)) {
            count(IpCounter.IP_OUT_NO_ROUTES);
            return false;
        }
        return true;
    }

    @Override
    public void receive(Packet p, Interface from, long now) {
        count(IpCounter.IP_IN_RECEIVES);
        if (!owns(p.dst)) {
            count(IpCounter.IP_IN_ADDR_ERRORS);
            return;
        }
        ProtocolHandler handler = protocols[p.protocol & 0xff];
        if (handler == null) {
            count(IpCounter.IP_IN_UNKNOWN_PROTOS);
            return;
        }
        count(IpCounter.IP_IN_DELIVERS);
        handler.deliver(p, now);
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
