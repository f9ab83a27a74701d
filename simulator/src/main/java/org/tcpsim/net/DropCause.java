package org.tcpsim.net;

/** Why the network dropped a packet; every drop is counted under exactly one cause. */
public enum DropCause {
    /** Drop-tail interface queue was full (qdisc drop). */
    QUEUE_FULL("queue_full"),
    /** The link's loss model dropped it on the wire. */
    LINK_LOSS("link_loss"),
    /** Larger than the interface MTU with DF set (IpFragFails). */
    MTU_EXCEEDED("mtu_exceeded"),
    /** No route to the destination address (IpOutNoRoutes). */
    NO_ROUTE("no_route"),
    /** TTL reached zero at a router (IpInHdrErrors). */
    TTL_EXCEEDED("ttl_exceeded"),
    /** Arrived at a host that does not own the destination address (IpInAddrErrors). */
    NOT_FOR_HOST("not_for_host"),
    /** No handler for the IP protocol (IpInUnknownProtos). */
    UNKNOWN_PROTOCOL("unknown_protocol"),
    /** UDP datagram to a port nobody listens on (UdpNoPorts). */
    NO_PORT("no_port"),
    /** A receiving CPU's input queue was full (enqueue_to_backlog; /proc/net/softnet_stat column 2). */
    SOFTNET_BACKLOG("softnet_backlog"),
    /** A host's packet filter dropped it, inbound or outbound. */
    FILTER("filter"),
    /** A NAT gateway's conntrack table was full (nf_conntrack_max) and no entry could be evicted. */
    CONNTRACK_FULL("conntrack_full"),
    /** A NAT gateway found no free public port for a new flow (conntrack insert_failed). */
    NAT_NO_PORT("nat_no_port"),
    /**
     * A NAT gateway had no mapping and could not start one: to its public address (Linux would answer
     * from its own stack) or a FIN / RST opening a flow from inside (conntrack INVALID).
     */
    NAT_UNMATCHED("nat_unmatched");

    private final String label;

    DropCause(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
