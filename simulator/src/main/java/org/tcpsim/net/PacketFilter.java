package org.tcpsim.net;

import java.util.SplittableRandom;

/**
 * A {@link FilterRule} installed on a host: the rule, its own random stream (named after the host
 * and the rule, so adding a filter never shifts any other random draw) and its counters.
 */
public final class PacketFilter {
    private final FilterRule rule;
    private final SplittableRandom random;
    private long matched;
    private long dropped;

    PacketFilter(FilterRule rule, SplittableRandom random) {
        this.rule = rule;
        this.random = random;
    }

    public FilterRule rule() {
        return rule;
    }

    public String name() {
        return rule.name();
    }

    /** Packets that matched the rule (dropped or let through by the probability draw). */
    public long matched() {
        return matched;
    }

    /** Packets the rule dropped. */
    public long dropped() {
        return dropped;
    }

    /** The verdict for {@code p} at {@code now}: true to drop it. Draws a random number only for a match with p < 1. */
    boolean drops(Packet p, long now) {
        if (!rule.matches(p, now)) {
            return false;
        }
        matched++;
        double prob = rule.probability();
        if (prob < 1 && !(random.nextDouble() < prob)) {
            return false;
        }
        dropped++;
        return true;
    }
}
