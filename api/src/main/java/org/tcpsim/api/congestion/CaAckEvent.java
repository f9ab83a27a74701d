package org.tcpsim.api.congestion;

/**
 * enum tcp_ca_ack_event_flags (include/net/tcp.h): what {@link CongestionControl#inAckEvent}
 * hears about an incoming ACK.
 */
public final class CaAckEvent {
    /** CA_ACK_SLOWPATH: processed on the slow path; always set, tcpsim has no header-prediction fast path. */
    public static final int CA_ACK_SLOWPATH = 1;
    /** CA_ACK_WIN_UPDATE: the ACK updated the send window. */
    public static final int CA_ACK_WIN_UPDATE = 1 << 1;
    /** CA_ACK_ECE: ECE bit set on the ACK (never set: no ECN in tcpsim). */
    public static final int CA_ACK_ECE = 1 << 2;

    private CaAckEvent() {
    }
}
