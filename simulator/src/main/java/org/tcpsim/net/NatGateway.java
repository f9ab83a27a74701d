package org.tcpsim.net;

import java.util.EnumMap;
import java.util.Map;

/**
 * A Linux box doing masquerade between a private network and its public address: packets from
 * sources in the inside prefix get their source rewritten on the way out, packets to the public
 * address get the reverse mapping and go back in (net/netfilter/nf_nat_core.c). Without a
 * translation it routes like a router.
 */
public final class NatGateway extends Router {
    private final int insideAddress;
    private final int publicCount;
    private final int insidePrefixLength;
    private final int insideMask;
    private NatTranslation translation;
    private final Map<NatTranslation.Verdict, Long> drops = new EnumMap<>(NatTranslation.Verdict.class);

    NatGateway(Network network, int index, String name, int[] publicAddresses, int insideAddress, int insidePrefixLength) {
        super(network, index, name, withInside(publicAddresses, insideAddress));
        this.publicCount = publicAddresses.length;
        if (insidePrefixLength < 1 || insidePrefixLength > 32) {
            throw new IllegalArgumentException("inside prefix length " + insidePrefixLength + " is not within 1..32");
        }
        this.insideAddress = insideAddress;
        this.insidePrefixLength = insidePrefixLength;
        this.insideMask = (int) (0xffffffffL << (32 - insidePrefixLength));
        for (int a : publicAddresses) {
            if (isInside(a)) {
                throw new IllegalArgumentException("the public address " + Ipv4Address.format(a)
                        + " lies inside the private prefix " + Ipv4Address.format(insideAddress) + "/" + insidePrefixLength);
            }
        }
    }

    private static int[] withInside(int[] publics, int inside) {
        int[] all = java.util.Arrays.copyOf(publics, publics.length + 1);
        all[publics.length] = inside;
        return all;
    }

    @Override
    public NodeKind kind() {
        return NodeKind.NAT;
    }

    public void setTranslation(NatTranslation translation) {
        this.translation = translation;
    }

    public NatTranslation translation() {
        return translation;
    }

    /** The public addresses (SNAT --to-source first-last), first to last. */
    public int[] publicAddresses() {
        return java.util.Arrays.copyOf(addresses(), publicCount);
    }

    private boolean isPublic(int address) {
        int[] all = addresses();
        for (int i = 0; i < publicCount; i++) {
            if (all[i] == address) {
                return true;
            }
        }
        return false;
    }

    public int insidePrefixLength() {
        return insidePrefixLength;
    }

    /** Whether {@code address} is on the private side (inside address / prefix length). */
    public boolean isInside(int address) {
        return (address & insideMask) == (insideAddress & insideMask);
    }

    /** Packets this gateway dropped for a NAT reason. */
    public long dropped(NatTranslation.Verdict why) {
        return drops.getOrDefault(why, 0L);
    }

    public long droppedTotal() {
        long sum = 0;
        for (long v : drops.values()) {
            sum += v;
        }
        return sum;
    }

    @Override
    public void receive(Packet p, Interface from, long now) {
        if (translation == null) {
            super.receive(p, from, now);
            return;
        }
        count(IpCounter.IP_IN_RECEIVES);
        boolean toPublic = isPublic(p.dst);
        if (!toPublic && owns(p.dst)) {
            count(IpCounter.IP_IN_UNKNOWN_PROTOS); // the inside address runs no protocols here
            return;
        }
        if (p.ttl <= 1) {
            count(IpCounter.IP_IN_HDR_ERRORS); // ip_forward() too_many_hops, before conntrack confirms
            return;
        }
        NatTranslation.Verdict v;
        if (toPublic) {
            v = translation.inbound(p, now);
            p.dstNode = -1; // the destination was rewritten to a private host
        } else if (isInside(p.src) && !isInside(p.dst)) {
            v = translation.outbound(p, now); // masquerade applies on the way out (-o the public side)
        } else {
            v = NatTranslation.Verdict.ACCEPT; // inside to inside, or outside to outside: plain routing
        }
        if (v != NatTranslation.Verdict.ACCEPT) {
            drops.merge(v, 1L, Long::sum);
            return;
        }
        p.ttl--;
        forward(p, now);
    }
}
