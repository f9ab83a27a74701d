package org.tcpsim.net.loss;

import org.tcpsim.config.ConfigNode;

/** {@code {"model": "none"}}. */
public final class NoLossType implements LossModelType {
    @Override
    public String name() {
        return "none";
    }

    @Override
    public String description() {
        return "no loss";
    }

    @Override
    public LossModelSpec parse(ConfigNode node) {
        return LossModelSpec.NONE;
    }
}
