package org.tcpsim.net;

/**
 * One packet-filter rule of a host, like one nftables rule whose verdict is drop: a direction,
 * what to match in the IP and transport headers, a probability, and a time window. A field left
 * open (-1, {@link Payload#ANY}, a zero flag mask) matches everything.
 *
 * <p>Flags are matched as {@code (flags & flagsMask) == flagsValue} on the transport header's flag
 * bits (nft: {@code tcp flags & (syn | ack) == syn | ack}); net knows only the bits, the names
 * belong to the protocol.
 *
 * @param name        unique per host; names the counter and the random stream
 * @param protocol    IP protocol number, or -1 for any
 * @param srcPort     transport source port, or -1 for any (a packet without ports never matches a port)
 * @param dstPort     transport destination port, or -1 for any
 * @param probability chance that a matching packet is dropped (1 = every one)
 * @param startNs     first instant the rule is active
 * @param stopNs      first instant it is no longer active ({@link Long#MAX_VALUE}: never stops)
 */
public record FilterRule(String name, Direction direction, int protocol, int srcPort, int dstPort, int flagsMask,
                         int flagsValue, Payload payload, double probability, long startNs, long stopNs) {
    /** Where the rule sits: inbound (nftables prerouting, after the softnet backlog) or outbound (output hook). */
    public enum Direction {
        IN("in"),
        OUT("out");

        private final String jsonName;

        Direction(String jsonName) {
            this.jsonName = jsonName;
        }

        public String jsonName() {
            return jsonName;
        }
    }

    /** Condition on the transport payload length. */
    public enum Payload {
        ANY("any"),
        EMPTY("empty"),
        NONEMPTY("nonempty");

        private final String jsonName;

        Payload(String jsonName) {
            this.jsonName = jsonName;
        }

        public String jsonName() {
            return jsonName;
        }
    }

    public FilterRule {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a filter needs a name");
        }
        if (direction == null || payload == null) {
            throw new IllegalArgumentException("direction and payload must be given");
        }
        if (protocol < -1 || protocol > 255) {
            throw new IllegalArgumentException("protocol must be -1 (any) or 0..255, got " + protocol);
        }
        if (srcPort < -1 || srcPort > 65535 || dstPort < -1 || dstPort > 65535) {
            throw new IllegalArgumentException("ports must be -1 (any) or 0..65535");
        }
        if ((flagsValue & ~flagsMask) != 0) {
            throw new IllegalArgumentException("flag value " + flagsValue + " has bits outside the mask " + flagsMask);
        }
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + probability);
        }
        if (startNs < 0 || stopNs < startNs) {
            throw new IllegalArgumentException("need 0 <= start <= stop");
        }
    }

    /** A rule that drops every packet in one direction: a one-way black hole. */
    public static FilterRule blackHole(String name, Direction direction) {
        return new FilterRule(name, direction, -1, -1, -1, 0, 0, Payload.ANY, 1.0, 0, Long.MAX_VALUE);
    }

    /** Whether {@code p} matches at {@code now} (the probability is drawn by the caller). */
    public boolean matches(Packet p, long now) {
        if (now < startNs || now >= stopNs) {
            return false;
        }
        if (protocol >= 0 && p.protocol != protocol) {
            return false;
        }
        if (srcPort >= 0 && p.sourcePort() != srcPort) {
            return false;
        }
        if (dstPort >= 0 && p.destinationPort() != dstPort) {
            return false;
        }
        if ((p.transportFlags() & flagsMask) != flagsValue) {
            return false;
        }
        return switch (payload) {
            case ANY -> true;
            case EMPTY -> p.payloadLength() == 0;
            case NONEMPTY -> p.payloadLength() > 0;
        };
    }
}
