package org.tcpsim.tcp.congestion;

/** Registers {@link Cubic} (Linux: tcp_cubic, the default of net.ipv4.tcp_congestion_control). */
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
    public CongestionControl create() {
        return new Cubic();
    }
}
