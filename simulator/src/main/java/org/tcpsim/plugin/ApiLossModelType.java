package org.tcpsim.plugin;

import java.util.SplittableRandom;
import org.tcpsim.api.ParameterException;
import org.tcpsim.api.Parameters;
import org.tcpsim.api.loss.LossModelFactory;
import org.tcpsim.config.ConfigNode;
import org.tcpsim.net.loss.LossModel;
import org.tcpsim.net.loss.LossModelSpec;
import org.tcpsim.net.loss.LossModelType;

/** A loss model of the plugin API as the links see one: its declared parameters read from the link's JSON. */
final class ApiLossModelType implements LossModelType {
    private final org.tcpsim.api.loss.LossModelType type;
    private final PluginInfo info;

    ApiLossModelType(org.tcpsim.api.loss.LossModelType type, PluginInfo info) {
        this.type = type;
        this.info = info;
    }

    @Override
    public String name() {
        return info.name();
    }

    @Override
    public String description() {
        return info.description();
    }

    @Override
    public LossModelSpec parse(ConfigNode node) {
        Parameters params = ParameterReader.read(node, info.parameters(), null);
        if (params == null) {
            return LossModelSpec.NONE;
        }
        LossModelFactory factory;
        try {
            factory = type.configure(params);
            if (factory == null) {
                node.problem("loss model '" + info.name() + "' (" + info.source() + ") configured nothing (null)");
                return LossModelSpec.NONE;
            }
        } catch (ParameterException e) {
            ParameterReader.report(node, info.parameters(), e);
            return LossModelSpec.NONE;
        } catch (RuntimeException | LinkageError e) {
            node.problem("loss model '" + info.name() + "' (" + info.source() + ") failed to take these parameters: " + e);
            return LossModelSpec.NONE;
        }
        return new Spec(factory, info);
    }

    /** The configured model: one plugin model per link direction and run, behind the simulator's interface. */
    private record Spec(LossModelFactory factory, PluginInfo info) implements LossModelSpec {
        @Override
        public LossModel create() {
            org.tcpsim.api.loss.LossModel model = factory.create();
            double rate = factory.expectedLossRate();
            return new LossModel() {
                @Override
                public boolean drop(SplittableRandom random, long nowNs) {
                    return model.drop(nowNs, random);
                }

                @Override
                public double expectedLossRate() {
                    return rate;
                }
            };
        }

        @Override
        public double expectedLossRate() {
            return factory.expectedLossRate();
        }

        @Override
        public String toString() {
            return info.name();
        }
    }
}
