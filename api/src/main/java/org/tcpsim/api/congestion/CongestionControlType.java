package org.tcpsim.api.congestion;

import java.util.List;
import org.tcpsim.api.Parameter;
import org.tcpsim.api.Parameters;

/**
 * A congestion-control module, found by {@link java.util.ServiceLoader} as Linux finds a
 * registered {@code tcp_congestion_ops} (tcp_register_congestion_control): a jar lists its class
 * in {@code META-INF/services/org.tcpsim.api.congestion.CongestionControlType}. Users name it in
 * {@code net.ipv4.tcp_congestion_control}, {@code TCP_CONGESTION}, or with parameters in
 * {@code "congestion_control": {"name": NAME, PARAM: VALUE, ...}}.
 */
public interface CongestionControlType {
    /**
     * .name, as users write it ({@code "cubic"}): 1 to 15 characters (TCP_CA_NAME_MAX counts the NUL).
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
     * The module parameters it takes from JSON (Linux: module_param(), /sys/module/tcp_NAME/parameters).
     *
     * @return the declarations, none by default
     */
    default List<Parameter> parameters() {
        return List.of();
    }

    /**
     * Checks one configuration and fixes it, when the experiment is read (once per distinct
     * configuration, before any run).
     *
     * @param params the values, checked against {@link #parameters()} and completed with defaults
     * @return the factory of per-socket instances
     * @throws org.tcpsim.api.ParameterException for values the module cannot accept
     */
    CongestionControlFactory configure(Parameters params);
}
