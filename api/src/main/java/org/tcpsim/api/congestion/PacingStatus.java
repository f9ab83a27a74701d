package org.tcpsim.api.congestion;

/**
 * enum sk_pacing (include/net/sock.h): who paces the socket's packets. A module that needs pacing
 * (BBR) moves the socket from NONE to NEEDED in its init hook, as bbr_init() does with cmpxchg.
 */
public enum PacingStatus {
    /** SK_PACING_NONE: nobody paces. */
    NONE,
    /** SK_PACING_NEEDED: TCP paces itself (tcp_needs_internal_pacing()). */
    NEEDED,
    /** SK_PACING_FQ: the fq qdisc paces. */
    FQ
}
