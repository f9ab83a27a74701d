package org.tcpsim.net.loss;

import org.tcpsim.config.ConfigNode;

/**
 * {@code {"model": "gilbert-elliott", "p_gb": 0.01, "p_bg": 0.3, "loss_bad": 1.0, "loss_good": 0.0}}
 * (a chain stepped per packet), or with {@code "mean_good": "2s", "mean_bad": "20ms"} instead of
 * the two probabilities (spells in time, whatever the traffic).
 */
public final class GilbertElliottLossType implements LossModelType {
    @Override
    public String name() {
        return "gilbert-elliott";
    }

    @Override
    public String description() {
        return "two-state bursty loss: per packet, good->bad with p_gb, bad->good with p_bg, or in time,"
                + " good and bad spells of mean_good and mean_bad (exponential); lost with loss_good (default 0)"
                + " or loss_bad (default 1)";
    }

    @Override
    public LossModelSpec parse(ConfigNode node) {
        double lossGood = node.optProbability("loss_good", 0);
        double lossBad = node.optProbability("loss_bad", 1);
        boolean perPacket = node.has("p_gb") || node.has("p_bg");
        boolean inTime = node.has("mean_good") || node.has("mean_bad");
        if (perPacket && inTime) {
            node.problem("give either p_gb and p_bg (a chain stepped per packet) or mean_good and mean_bad"
                    + " (spells in time), not both");
        }
        if (inTime) {
            long meanGood = positiveDuration(node, "mean_good");
            long meanBad = positiveDuration(node, "mean_bad");
            node.markKnown("p_gb", "p_bg");
            return new TimeSpec(meanGood, meanBad, lossGood, lossBad);
        }
        for (String required : new String[] {"p_gb", "p_bg"}) {
            if (!node.has(required)) {
                node.problem("missing required field '" + required + "' (a transition probability, 0..1)"
                        + " (or give mean_good and mean_bad, durations)");
            }
        }
        double pGb = node.optProbability("p_gb", 0);
        double pBg = node.optProbability("p_bg", 1);
        return new Spec(pGb, pBg, lossGood, lossBad);
    }

    private static long positiveDuration(ConfigNode node, String key) {
        if (!node.has(key)) {
            node.problem("missing required field '" + key + "' (a duration, e.g. \"20ms\")");
            return 1;
        }
        long ns = node.requireDurationNs(key);
        if (ns <= 0) {
            node.problemAt(key, "expected a duration above zero, e.g. \"20ms\"");
            return 1;
        }
        return ns;
    }

    private record TimeSpec(long meanGoodNs, long meanBadNs, double lossGood, double lossBad) implements LossModelSpec {
        @Override
        public LossModel create() {
            return new GilbertElliottTimeLoss(meanGoodNs, meanBadNs, lossGood, lossBad);
        }

        @Override
        public double expectedLossRate() {
            return create().expectedLossRate();
        }
    }

    private record Spec(double pGb, double pBg, double lossGood, double lossBad) implements LossModelSpec {
        @Override
        public LossModel create() {
            return new GilbertElliottLoss(pGb, pBg, lossGood, lossBad);
        }

        @Override
        public double expectedLossRate() {
            return GilbertElliottLoss.expectedLossRate(pGb, pBg, lossGood, lossBad);
        }
    }
}
