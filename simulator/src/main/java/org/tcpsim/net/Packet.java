package org.tcpsim.net;

import org.tcpsim.engine.Event;

/**
 * An IPv4 packet. While on a link it is itself the arrival event at the far end, so a hop
 * costs one queue slot and no allocation. Protocols extend it with their headers.
 */
public class Packet implements Event, Cloneable {
    public static final int IPV4_HEADER_BYTES = 20;
    public static final int DEFAULT_TTL = 64;
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;

    public int src;
    public int dst;
    /** IP total length in bytes (what the link serialises). */
    public int length;
    public int protocol;
    public int ttl = DEFAULT_TTL;
    /** The IPv4 TOS byte (DSCP and ECN), as the sending socket's IP_TOS left it (inet->tos). */
    public int tos;
    /** The IPv4 DF bit: set unless the sender's IP_MTU_DISCOVER says otherwise (ip_dont_fragment). */
    public boolean dontFragment = true;
    /** Destination node index resolved at IP output, re-resolved when an address is rewritten. */
    public int dstNode = -1;
    /** The interface carrying this packet while it is in flight, null otherwise. */
    Interface via;

    /** Back to a new packet's values, for a protocol that reuses delivered packets (see TcpSegment). */
    protected final void clearPacket() {
        src = 0;
        dst = 0;
        length = 0;
        protocol = 0;
        ttl = DEFAULT_TTL;
        tos = 0;
        dontFragment = true;
        dstNode = -1;
        via = null;
    }

    @Override
    public final void fire(long now) {
        Interface link = via;
        via = null;
        link.arrive(this, now);
    }

    /**
     * The transport header's source port (TCP, UDP), or -1 for a protocol without ports. The
     * accessors below let IP-level code (softnet steering, packet filters) read transport headers
     * the way Linux's flow dissector does, without net knowing any transport protocol.
     */
    public int sourcePort() {
        return -1;
    }

    /** The transport header's destination port, or -1 for a protocol without ports. */
    public int destinationPort() {
        return -1;
    }

    /** Rewrites the transport source port (NAT); only protocols with ports support it. */
    public void setSourcePort(int port) {
        throw new UnsupportedOperationException("protocol " + protocol + " has no ports");
    }

    /** Rewrites the transport destination port (NAT); only protocols with ports support it. */
    public void setDestinationPort(int port) {
        throw new UnsupportedOperationException("protocol " + protocol + " has no ports");
    }

    /** The transport header's flag bits as on the wire (TCP's FIN..ACK), 0 for a protocol without flags. */
    public int transportFlags() {
        return 0;
    }

    /** Transport payload bytes (what follows the transport header). */
    public int payloadLength() {
        return Math.max(0, length - IPV4_HEADER_BYTES);
    }

    /** A copy for link-level duplication (fields are copied shallowly; headers must be immutable). */
    public Packet duplicate() {
        try {
            Packet p = (Packet) clone();
            p.via = null;
            return p;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }
}
