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
        if (owns(p.dst)) {
            count(IpCounter.IP_IN_UNKNOWN_PROTOS); // routers run no protocols here
            return;
        }
        if (p.ttl <= 1) {
            count(IpCounter.IP_IN_HDR_ERRORS); // Linux: ip_forward() too_many_hops
            return;
        }
        p.ttl--;
        forward(p, now);
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
