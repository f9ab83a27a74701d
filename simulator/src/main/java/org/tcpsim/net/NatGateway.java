package org.tcpsim.net;

import java.util.Arrays;
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
    private final int[] publicAddresses;
    private final int insideMask;
    private NatTranslation translation;
    private final Map<NatTranslation.Verdict, Long> drops = new EnumMap<>(NatTranslation.Verdict.class);

    NatGateway(Network network, int index, String name, int[] publicAddresses, int insideAddress, int insidePrefixLength) {
        super(network, index, name, withInside(publicAddresses, insideAddress));
        this.publicAddresses = publicAddresses.clone();
        if (insidePrefixLength < 1 || insidePrefixLength > 32) {
            throw new IllegalArgumentException("inside prefix length " + insidePrefixLength + " is not within 1..32");
        }
        this.insideAddress = insideAddress;
        this.insideMask = (int) (0xffffffffL << (32 - insidePrefixLength));
        for (int a : publicAddresses) {
            if (isInside(a)) {
                throw new IllegalArgumentException("the public address " + Ipv4Address.format(a)
                        + " lies inside the private prefix " + Ipv4Address.format(insideAddress) + "/" + insidePrefixLength);
            }
        }
    }

    private static int[] withInside(int[] publics, int inside) {
        int[] all = Arrays.copyOf(publics, publics.length + 1);
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

    /** Whether {@code address} is on the private side (inside address / prefix length). */
    public boolean isInside(int address) {
        return (address & insideMask) == (insideAddress & insideMask);
    }

    /** Packets this gateway dropped for a NAT reason. */
    public long dropped(NatTranslation.Verdict why) {
        return drops.getOrDefault(why, 0L);
    }

    @Override
    protected boolean translatesTo(int address) {
        if (translation == null) {
            return false;
        }
        for (int a : publicAddresses) {
            if (a == address) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected boolean translate(Packet p, long now) {
        if (translation == null) {
            return true;
        }
        NatTranslation.Verdict v;
        if (translatesTo(p.dst)) {
            v = translation.inbound(p, now);
            p.dstNode = -1; // the destination was rewritten to a private host
        } else if (isInside(p.src) && !isInside(p.dst)) {
            v = translation.outbound(p, now); // masquerade applies on the way out (-o the public side)
        } else {
            return true; // inside to inside, or outside to outside: plain routing
        }
        if (v != NatTranslation.Verdict.ACCEPT) {
            drops.merge(v, 1L, Long::sum);
            return false;
        }
        return true;
    }
}
