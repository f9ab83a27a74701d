package org.tcpsim.example.vegas;

import java.util.List;
import org.tcpsim.api.Parameter;
import org.tcpsim.api.ParameterException;
import org.tcpsim.api.Parameters;

/**
 * The module parameters of net/ipv4/tcp_vegas.c, with their MODULE_PARM_DESC texts and defaults.
 *
 * @param alpha lower bound of packets in network (2)
 * @param beta  upper bound of packets in network (4)
 * @param gamma limit on increase (scale by 2) (1): how many queued packets end slow start
 */
public record VegasParams(int alpha, int beta, int gamma) {
    /** module_param(alpha/beta/gamma, int, 0644). */
    public static final List<Parameter> DECLARED = List.of(
            Parameter.integer("alpha", 2, 0, Integer.MAX_VALUE, "lower bound of packets in network"),
            Parameter.integer("beta", 4, 0, Integer.MAX_VALUE, "upper bound of packets in network"),
            Parameter.integer("gamma", 1, 0, Integer.MAX_VALUE, "limit on increase (scale by 2)"));

    /**
     * @param p the checked values
     * @return the parameters
     * @throws ParameterException if alpha exceeds beta (Vegas would then never hold cwnd still)
     */
    public static VegasParams of(Parameters p) {
        VegasParams v = new VegasParams((int) p.integer("alpha"), (int) p.integer("beta"), (int) p.integer("gamma"));
        if (v.alpha() > v.beta()) {
            throw new ParameterException("alpha", "alpha (" + v.alpha() + ") must not exceed beta (" + v.beta() + ")");
        }
        return v;
    }
}
