package org.tcpsim.api.loss;

import java.util.List;
import org.tcpsim.api.Parameter;
import org.tcpsim.api.Parameters;

/**
 * A loss model users name in a link's JSON ({@code "loss": {"model": "bernoulli", "p": 0.01}}),
 * found by {@link java.util.ServiceLoader}: a jar lists its class in
 * {@code META-INF/services/org.tcpsim.api.loss.LossModelType}.
 */
public interface LossModelType {
    /**
     * The JSON name ({@code "model": NAME}).
     *
     * @return the name
     */
    String name();

    /**
     * One line for {@code tcpsim plugins}.
     *
     * @return the description
     */
    String description();

    /**
     * The parameters it takes from its JSON object (beside {@code "model"}).
     *
     * @return the declarations, none by default
     */
    default List<Parameter> parameters() {
        return List.of();
    }

    /**
     * Checks one configuration and fixes it, when the experiment is read (before any run);
     * reading a FILE parameter's content belongs here, so a bad file is reported with its location.
     *
     * @param params the values, checked against {@link #parameters()} and completed with defaults
     * @return the factory of per-direction models
     * @throws org.tcpsim.api.ParameterException for values the model cannot accept
     */
    LossModelFactory configure(Parameters params);
}
