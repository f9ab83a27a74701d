package org.tcpsim.example.trace;

import java.util.random.RandomGenerator;
import org.tcpsim.api.loss.LossModel;

/** Drops exactly the packets of a {@link DropTrace}, counting this direction's packets from 1. No randomness. */
final class TraceLoss implements LossModel {
    private final long[] drops;
    private long packet;
    private int next;

    TraceLoss(long[] drops) {
        this.drops = drops;
    }

    @Override
    public boolean drop(long nowNs, RandomGenerator random) {
        packet++;
        if (next < drops.length && drops[next] == packet) {
            next++;
            return true;
        }
        return false;
    }
}
