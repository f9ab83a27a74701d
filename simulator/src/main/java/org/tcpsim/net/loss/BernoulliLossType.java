package org.tcpsim.net.loss;

import org.tcpsim.config.ConfigNode;

/** {@code {"model": "bernoulli", "p": 0.01}}. */
public final class BernoulliLossType implements LossModelType {
    @Override
    public String name() {
        return "bernoulli";
    }

    @Override
    public String description() {
        return "each packet lost independently with probability p";
    }

    @Override
    public LossModelSpec parse(ConfigNode node) {
        if (!node.has("p")) {
            node.problem("missing required field 'p' (the loss probability, 0..1)");
        }
        return of(node.optProbability("p", 0));
    }

    /** The spec for loss probability p (also what a bare number in JSON means). */
    public static LossModelSpec of(double p) {
        return p == 0 ? LossModelSpec.NONE : new Spec(p);
    }

    private record Spec(double p) implements LossModelSpec {
        @Override
        public LossModel create() {
            return new BernoulliLoss(p);
        }

        @Override
        public double expectedLossRate() {
            return p;
        }
    }
}
