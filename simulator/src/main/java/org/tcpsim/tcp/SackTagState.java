package org.tcpsim.tcp;

/** Result of a cumulative ACK, and the RTT stamps of its SACK blocks (part of struct tcp_sacktag_state). */
final class SackTagState {
    int packets;
    int bytes;
    /** Send time of the oldest acked segment not SACKed and never retransmitted (first_ackt), or -1. */
    long rttSentAt = -1;
    /** Send time of the newest such segment (last_ackt), or -1. */
    long lastAckt = -1;
    boolean anyRetransmitted;
    /** Send times of the oldest and newest never-retransmitted segments newly SACKed (first_sackt, last_sackt), or -1. */
    long firstSackt = -1;
    long lastSackt = -1;

    /**
     * A fresh state for the next ACK. lastAckt and lastSackt are left as they are: each is read
     * only after rttSentAt or firstSackt said it was set by this ACK, and set together with it.
     */
    void clear() {
        packets = 0;
        bytes = 0;
        rttSentAt = -1;
        anyRetransmitted = false;
        firstSackt = -1;
    }
}
