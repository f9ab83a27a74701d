package org.tcpsim.nat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.tcpsim.engine.Simulation;
import org.tcpsim.kernel.Sysctls;
import org.tcpsim.net.NatTranslation;
import org.tcpsim.net.Packet;

/**
 * Source NAT of a private network to one public address, as iptables MASQUERADE / nft masquerade
 * does it, or to a range of them (SNAT --to-source first-last): a conntrack entry per flow, the private source port kept when that leaves the tuple
 * unique (get_unique_tuple), otherwise a free port searched from a random offset
 * (nf_nat_l4proto_unique_tuple). TCP options, timestamps included, pass untouched.
 */
public final class Masquerade implements NatTranslation {
    /** nf_nat_core.c: NF_NAT_MAX_ATTEMPTS. */
    static final int MAX_ATTEMPTS = 128;

    private final int[] publicAddresses;
    private final NatPortSelection selection;
    private final SplittableRandom random;
    private final ConntrackTable table;

    public Masquerade(Simulation sim, SplittableRandom random, Sysctls sysctls, int publicAddress,
                      NatPortSelection selection) {
        this(sim, random, sysctls, new int[] {publicAddress}, selection);
    }

    /** SNAT to a range of public addresses: each (client, server) address pair keeps one of them. */
    public Masquerade(Simulation sim, SplittableRandom random, Sysctls sysctls, int[] publicAddresses,
                      NatPortSelection selection) {
        if (publicAddresses.length == 0) {
            throw new IllegalArgumentException("a NAT needs a public address");
        }
        this.publicAddresses = publicAddresses.clone();
        this.selection = selection;
        this.random = random;
        this.table = new ConntrackTable(sim, random, sysctls);
    }

    @Override
    public Verdict outbound(Packet p, long now) {
        if (p.sourcePort() < 0) {
            return Verdict.ACCEPT; // no ports: not translated here
        }
        ConntrackTuple t = ConntrackTuple.of(p);
        // a private source never appears in a reply tuple (those start at a server), so a hit is this flow
        Conntrack ct = table.find(t);
        if (ct != null && !table.update(ct, true, p.transportFlags())) {
            table.remove(ct); // a SYN reopening a TIME_WAIT / CLOSE flow: track it anew
            ct = null;
        }
        if (ct == null) {
            if (!table.canStart(t.protocol(), p.transportFlags())) {
                return Verdict.DROP_UNMATCHED;
            }
            if (!table.makeRoom()) {
                return Verdict.DROP_TABLE_FULL;
            }
            ConntrackTuple reply = uniqueReply(t);
            if (reply == null) {
                table.insertFailed();
                return Verdict.DROP_NO_PORT;
            }
            ct = table.insert(t, reply);
            table.update(ct, true, p.transportFlags());
        }
        p.src = ct.reply.dstIp();
        p.setSourcePort(ct.reply.dstPort());
        return Verdict.ACCEPT;
    }

    @Override
    public Verdict inbound(Packet p, long now) {
        if (p.destinationPort() < 0) {
            return Verdict.DROP_UNMATCHED;
        }
        ConntrackTuple t = ConntrackTuple.of(p);
        Conntrack ct = table.find(t);
        if (ct == null || !ct.reply.equals(t)) {
            return Verdict.DROP_UNMATCHED;
        }
        table.update(ct, false, p.transportFlags());
        p.dst = ct.original.srcIp();
        p.setDestinationPort(ct.original.srcPort());
        return Verdict.ACCEPT;
    }

    /**
     * The reply tuple for a new flow from {@code orig}: the server answers to the public address
     * and the chosen port. get_unique_tuple keeps the private port when the reply tuple is free and
     * no random flag is set; nf_nat_l4proto_unique_tuple otherwise tries up to 128 ports from a
     * random offset in the port's class (1-511, 600-1023, 1024-65535), halving the attempts on
     * each new random offset. Null when every attempt clashed.
     */
    ConntrackTuple uniqueReply(ConntrackTuple orig) {
        int port = orig.srcPort();
        if (selection == NatPortSelection.PRESERVE && !table.taken(replyTo(orig, port))) {
            return replyTo(orig, port);
        }
        int min;
        int rangeSize;
        if (port < 512) {
            min = 1;
            rangeSize = 511;
        } else if (port < 1024) {
            min = 600;
            rangeSize = 1023 - 600 + 1;
        } else {
            min = 1024;
            rangeSize = 65535 - 1024 + 1;
        }
        int attempts = Math.min(rangeSize, MAX_ATTEMPTS);
        int off = random.nextInt(1 << 16);
        while (true) {
            for (int i = 0; i < attempts; i++, off++) {
                ConntrackTuple reply = replyTo(orig, min + Math.floorMod(off, rangeSize));
                if (!table.taken(reply)) {
                    return reply;
                }
            }
            if (attempts >= rangeSize || attempts < 16) {
                return null;
            }
            attempts /= 2;
            off = random.nextInt(1 << 16);
        }
    }

    private ConntrackTuple replyTo(ConntrackTuple orig, int publicPort) {
        return orig.withSource(publicAddressFor(orig), publicPort).inverse();
    }

    /**
     * find_best_ips_proto: a hash of the client and server addresses picks the public address,
     * so a server sees one client from one address (reciprocal_scale of a 32-bit hash; Linux
     * uses jhash2, this a SplitMix finaliser).
     */
    int publicAddressFor(ConntrackTuple orig) {
        if (publicAddresses.length == 1) {
            return publicAddresses[0];
        }
        long z = ((long) orig.srcIp() << 32) ^ (orig.dstIp() & 0xffffffffL);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        long h = (z ^ (z >>> 31)) & 0xffffffffL;
        return publicAddresses[(int) ((h * publicAddresses.length) >>> 32)];
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : table.statistics().entrySet()) {
            out.put("conntrack." + e.getKey(), e.getValue());
        }
        out.put("conntrack.count", (long) table.count());
        return out;
    }

    @Override
    public Map<String, Long> gauges() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("nf_conntrack_count", (long) table.count());
        for (Map.Entry<String, Long> e : table.byState().entrySet()) {
            out.put("conntrack.state." + e.getKey(), e.getValue());
        }
        return out;
    }
}
