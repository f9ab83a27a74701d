package org.tcpsim.tcp;

import java.util.Objects;
import org.tcpsim.api.Parameters;
import org.tcpsim.api.congestion.CongestionControl;
import org.tcpsim.api.congestion.CongestionControlFactory;
import org.tcpsim.api.congestion.CongestionControlType;
import org.tcpsim.tcp.congestion.BbrType;
import org.tcpsim.tcp.congestion.CubicType;
import org.tcpsim.tcp.congestion.RenoType;

/**
 * A congestion control as a socket or a host uses it: the module's name and its configuration
 * (Linux: the tcp_congestion_ops found by name, with the module's parameters).
 *
 * @param name       the module's name
 * @param factory    makes the per-socket instances
 * @param configured true when the experiment gave parameters for this use
 *                   ({@code "congestion_control": {"name": ..., PARAM: ...}}); a choice by name
 *                   alone ({@code TCP_CONGESTION}) takes the host's parameters for that module,
 *                   as Linux's module parameters are global to the host
 */
public record CongestionChoice(String name, CongestionControlFactory factory, boolean configured) {
    public CongestionChoice {
        Objects.requireNonNull(name);
        Objects.requireNonNull(factory);
    }

    /** A module with its default parameters. */
    public static CongestionChoice defaults(CongestionControlType type) {
        return new CongestionChoice(type.name(), type.configure(Parameters.defaults(type.parameters())), false);
    }

    /**
     * Null if the module's instances implement what tcp_register_congestion_control() requires
     * (.ssthresh and .undo_cwnd are abstract in the API; .cong_avoid or .cong_control), else why not.
     * Makes one instance to look, so a constructor that throws is found here, not mid-run.
     */
    public static String missingHooks(CongestionControlFactory factory) {
        CongestionControl cc = factory.create();
        if (cc == null) {
            return "made no instance (its factory returned null)";
        }
        if (!CongestionSamples.implementsCongAvoid(cc) && !CongestionSamples.implementsCongControl(cc)) {
            return "implements neither congAvoid (.cong_avoid) nor congControl (.cong_control)"
                    + " (tcp_register_congestion_control: EINVAL)";
        }
        return null;
    }

    /**
     * The built-in module of that name with its defaults, or null: what a stack uses until the
     * experiment gives its host's congestion control (tests build stacks without an experiment).
     */
    static CongestionChoice builtin(String name) {
        return switch (name) {
            case "reno" -> defaults(new RenoType());
            case "cubic" -> defaults(new CubicType());
            case "bbr" -> defaults(new BbrType());
            default -> null;
        };
    }

    /**
     * What a socket uses: its own choice, unless that names the host's module without parameters.
     *
     * @param own         TCP_CONGESTION or the workload's choice, or null
     * @param hostDefault net.ipv4.tcp_congestion_control with the host's parameters
     */
    static CongestionChoice forSocket(CongestionChoice own, CongestionChoice hostDefault) {
        if (own == null || (!own.configured() && hostDefault != null && own.name().equals(hostDefault.name()))) {
            return hostDefault;
        }
        return own;
    }
}
