package org.tcpsim.tcp.congestion;

import java.util.List;
import org.tcpsim.api.Parameter;
import org.tcpsim.api.Parameters;
import org.tcpsim.api.congestion.CongestionControlFactory;
import org.tcpsim.api.congestion.CongestionControlType;

/**
 * Registers {@link Bbr} (Linux: tcp_bbr, the default congestion control of the reference kernel)
 * with the tunables of net/ipv4/tcp_bbr.c ({@link BbrParams#DECLARED}).
 */
public final class BbrType implements CongestionControlType {
    @Override
    public String name() {
        return Bbr.NAME;
    }

    @Override
    public String description() {
        return "BBR v1: paces at the measured bottleneck bandwidth, cwnd 2 BDP (net/ipv4/tcp_bbr.c)";
    }

    @Override
    public List<Parameter> parameters() {
        return BbrParams.DECLARED;
    }

    @Override
    public CongestionControlFactory configure(Parameters params) {
        BbrParams p = BbrParams.of(params);
        return () -> new Bbr(p);
    }
}
