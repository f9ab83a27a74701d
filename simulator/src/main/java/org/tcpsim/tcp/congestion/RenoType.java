package org.tcpsim.tcp.congestion;

import org.tcpsim.api.Parameters;
import org.tcpsim.api.congestion.CongestionControlFactory;
import org.tcpsim.api.congestion.CongestionControlType;

/** Registers {@link Reno} (Linux: tcp_reno, always built in; it has no module parameters). */
public final class RenoType implements CongestionControlType {
    @Override
    public String name() {
        return Reno.NAME;
    }

    @Override
    public String description() {
        return "Reno: slow start, +1 packet per RTT, halve on loss (net/ipv4/tcp_cong.c)";
    }

    @Override
    public CongestionControlFactory configure(Parameters params) {
        return Reno::new;
    }
}
