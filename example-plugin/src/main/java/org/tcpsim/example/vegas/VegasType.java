package org.tcpsim.example.vegas;

import java.util.List;
import org.tcpsim.api.Parameter;
import org.tcpsim.api.Parameters;
import org.tcpsim.api.congestion.CongestionControlFactory;
import org.tcpsim.api.congestion.CongestionControlType;

/** Registers {@link Vegas} as {@code "vegas"} (Linux: tcp_vegas_register(), module tcp_vegas). */
public final class VegasType implements CongestionControlType {
    @Override
    public String name() {
        return "vegas";
    }

    @Override
    public String description() {
        return "TCP Vegas: keeps alpha..beta packets queued, from the RTT (net/ipv4/tcp_vegas.c)";
    }

    @Override
    public List<Parameter> parameters() {
        return VegasParams.DECLARED;
    }

    @Override
    public CongestionControlFactory configure(Parameters params) {
        VegasParams p = VegasParams.of(params);
        return () -> new Vegas(p);
    }
}
