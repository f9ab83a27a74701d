package org.tcpsim.net.loss;

/** A validated loss-model configuration; creates a fresh model (fresh state) for each link direction and run. */
public interface LossModelSpec {
    LossModel create();

    double expectedLossRate();

    /** No loss at all: links skip the draw entirely. */
    LossModelSpec NONE = new LossModelSpec() {
        @Override
        public LossModel create() {
            return new NoLoss();
        }

        @Override
        public double expectedLossRate() {
            return 0;
        }

        @Override
        public String toString() {
            return "none";
        }
    };
}
