package org.tcpsim.net.loss;

import org.tcpsim.config.ConfigNode;

/**
 * A loss model users name in JSON ({@code "loss": {"model": "bernoulli", "p": 0.01}}). Found
 * through {@link java.util.ServiceLoader}, so a jar on the classpath can add one.
 */
public interface LossModelType {
    String name();

    String description();

    /** Reads the model's parameters (the "model" key is already consumed); problems go to the node's sink. */
    LossModelSpec parse(ConfigNode node);
}
