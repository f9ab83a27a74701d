package org.tcpsim.tcp.congestion;

/** Registers {@link Reno} (Linux: tcp_reno, always built in). */
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
    public CongestionControl create() {
        return new Reno();
    }
}
