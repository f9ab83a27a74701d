package org.tcpsim.api.congestion;

/**
 * A configured congestion control: its parameters checked and fixed, it makes the per-socket
 * state. Shared by every socket that uses this configuration, in every run of a sweep (runs
 * execute in parallel threads), so it must be immutable.
 */
@FunctionalInterface
public interface CongestionControlFactory {
    /**
     * A fresh per-socket instance (Linux: the ops with a zeroed icsk_ca_priv).
     *
     * @return a new instance
     */
    CongestionControl create();
}
