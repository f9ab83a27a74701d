package org.tcpsim.net.loss;

import org.tcpsim.config.ConfigNode;

/** {@code {"model": "gilbert-elliott", "p_gb": 0.01, "p_bg": 0.3, "loss_bad": 1.0, "loss_good": 0.0}}. */
public final class GilbertElliottLossType implements LossModelType {
    @Override
    public String name() {
        return "gilbert-elliott";
    }

    @Override
    public String description() {
        return "two-state bursty loss: per packet, good->bad with p_gb, bad->good with p_bg; "
                + "lost with loss_good (default 0) or loss_bad (default 1)";
    }

    @Override
    public LossModelSpec parse(ConfigNode node) {
        for (String required : new String[] {"p_gb", "p_bg"}) {
            if (!node.has(required)) {
                node.problem("missing required field '" + required + "' (a transition probability, 0..1)");
            }
        }
        double pGb = node.optProbability("p_gb", 0);
        double pBg = node.optProbability("p_bg", 1);
        double lossGood = node.optProbability("loss_good", 0);
        double lossBad = node.optProbability("loss_bad", 1);
        return new Spec(pGb, pBg, lossGood, lossBad);
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
