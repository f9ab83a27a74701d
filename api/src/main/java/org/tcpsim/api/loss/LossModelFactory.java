package org.tcpsim.api.loss;

/**
 * A configured loss model: its parameters checked and fixed, it makes one model per link
 * direction and run. Shared by the runs of a sweep (parallel threads): immutable.
 */
public interface LossModelFactory {
    /**
     * A fresh model, in its initial state.
     *
     * @return a new model
     */
    LossModel create();

    /**
     * The long-run fraction of packets the model drops, for reports; NaN when it depends on the traffic.
     *
     * @return a fraction in [0, 1], or NaN
     */
    default double expectedLossRate() {
        return Double.NaN;
    }
}
