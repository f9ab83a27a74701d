package org.tcpsim.tcp.congestion;

import java.util.List;
import org.tcpsim.api.Parameter;
import org.tcpsim.api.Parameters;
import org.tcpsim.api.congestion.CongestionControlFactory;
import org.tcpsim.api.congestion.CongestionControlType;

/**
 * Registers {@link Cubic} (Linux: tcp_cubic, the default of net.ipv4.tcp_congestion_control) with
 * the module parameters of net/ipv4/tcp_cubic.c ({@link CubicParams#DECLARED}).
 */
public final class CubicType implements CongestionControlType {
    @Override
    public String name() {
        return Cubic.NAME;
    }

    @Override
    public String description() {
        return "CUBIC with HyStart, Linux 6.x defaults (net/ipv4/tcp_cubic.c)";
    }

    @Override
    public List<Parameter> parameters() {
        return CubicParams.DECLARED;
    }

    /** Linux: cubictcp_register() precomputes the scale factors from the parameters; Cubic's constructor does. */
    @Override
    public CongestionControlFactory configure(Parameters params) {
        CubicParams p = CubicParams.of(params);
        return () -> new Cubic(p);
    }
}
