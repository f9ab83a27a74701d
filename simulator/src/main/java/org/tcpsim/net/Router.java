package org.tcpsim.net;

/** Forwards packets by its static route table (Linux: ip_forward), decrementing TTL. */
public class Router extends Node {
    Router(Network network, int index, String name, int... addresses) {
        super(network, index, name, addresses);
    }

    @Override
    public NodeKind kind() {
        return NodeKind.ROUTER;
    }

    @Override
    public void receive(Packet p, Interface from, long now) {
        count(IpCounter.IP_IN_RECEIVES);
        if (owns(p.dst) && !translatesTo(p.dst)) {
            count(IpCounter.IP_IN_UNKNOWN_PROTOS); // routers run no protocols here
            return;
        }
        if (p.ttl <= 1) {
            count(IpCounter.IP_IN_HDR_ERRORS); // Linux: ip_forward() too_many_hops
            return;
        }
        if (!translate(p, now)) {
            return;
        }
        p.ttl--;
        forward(p, now);
    }

    /** Whether packets to this own address are forwarded after translation (a NAT's public address). */
    protected boolean translatesTo(int address) {
        return false;
    }

    /** Netfilter's place in the forward path: rewrites {@code p} or drops it (false). A router forwards as is. */
    protected boolean translate(Packet p, long now) {
        return true;
    }

    /** Sends a transit packet on; counted as forwarded, or as InNoRoutes when there is no route. */
    protected final void forward(Packet p, long now) {
        if (transmit(p, now)) {
            count(IpCounter.IP_FORW_DATAGRAMS);
        } else {
            count(IpCounter.IP_EXT_IN_NO_ROUTES);
        }
    }
}
