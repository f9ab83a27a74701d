package org.tcpsim.tcp;

/**
 * What a connection's one transmit timer is armed for (icsk_pending: ICSK_TIME_RETRANS,
 * ICSK_TIME_REO_TIMEOUT, ICSK_TIME_LOSS_PROBE). The zero-window probe rides on RETRANS with
 * nothing in flight, as before.
 */
enum XmitTimer {
    RETRANS,
    REO_TIMEOUT,
    LOSS_PROBE
}
