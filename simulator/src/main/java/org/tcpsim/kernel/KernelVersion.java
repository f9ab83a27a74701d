package org.tcpsim.kernel;

import java.util.Optional;

/**
 * The kernel behaviour profiles a simulated host can run. Each profile fixes which sysctls
 * exist, their defaults and their accepted ranges, as the named Linux release has them.
 *
 * <ul>
 *   <li>{@link #V6_18}: Linux 6.18 (6.18.19 stable), the default profile.</li>
 *   <li>{@link #V4_9}: Linux 4.9 (4.9.229), the legacy profile: still has
 *       {@code net.ipv4.tcp_tw_recycle} (removed in 4.12), no TCP timestamp offsets,
 *       {@code somaxconn} 128, boolean {@code tcp_tw_reuse} defaulting to 0.</li>
 * </ul>
 */
public enum KernelVersion {
    V6_18("6.18"),
    V4_9("4.9");

    private final String label;

    KernelVersion(String label) {
        this.label = label;
    }

    /** The version as users write it in experiment JSON ({@code "kernel": "6.18"}). */
    public String label() {
        return label;
    }

    /**
     * True if TCP timestamps carry a random offset (tsval = clock + ts_off). 6.18.19 derives the
     * offset per connection from the 4-tuple hash (secure_seq.c: secure_tcp_seq_and_ts_off, with
     * the 2026 "add back ports to TS offset" backport); 4.9 has no offset, so all connections of a
     * host share one timestamp clock (what made tcp_tw_recycle break behind NAT).
     */
    public boolean hasTimestampOffsets() {
        return this != V4_9;
    }

    /**
     * True if RACK is the only loss detection with SACK, whatever tcp_recovery's bit 0x1
     * (TCP_RACK_LOSS_DETECTION) says: 6.18 has no RFC 6675 dupthresh marking (tcp_mark_head_lost,
     * tcp_update_scoreboard) left; with tcp_recovery = 0 its reordering timer still marks a hole lost
     * (own script rack/tcp-recovery-0-still-marks-by-rack.pkt, measured on 6.18.44). 4.9 marks by
     * dupthresh unless the bit is set.
     */
    public boolean rackAlwaysMarksLosses() {
        return this != V4_9;
    }

    /**
     * True if quick-ACK mode counts down only on ACKs of new data (tcp_dec_quickack_mode since
     * 2023, in 6.18); 4.9 counts every segment that carries an ACK, data included.
     */
    public boolean countsQuickAcksOfNewDataOnly() {
        return this != V4_9;
    }

    /**
     * True if a full-sized segment with PSH marks the end of a write, so that reading it ACKs at
     * once (tcp_measure_rcv_mss, commit 4720852ed9af, 2023); 4.9 only treats short segments so.
     */
    public boolean acksPushedFullSegments() {
        return this != V4_9;
    }

    /**
     * True if every delayed-ACK wait is capped at TCP_DELACK_MAX, 200 ms (tcp_delack_max, the
     * per-socket icsk_delack_max since 5.10); 4.9 caps it only by srtt and 500 ms (HZ / 2).
     */
    public boolean capsDelayedAckAtDelackMax() {
        return this != V4_9;
    }

    /**
     * True if a pure ACK below rcv_nxt that fails PAWS is dropped silently as an old ACK
     * (tcp_disordered_ack_check's SKB_DROP_REASON_TCP_RFC7323_PAWS_ACK, PAWSOldAck); 4.9 counts
     * it in PAWSEstab and answers it with a duplicate ACK.
     */
    public boolean dropsOldAcksSilently() {
        return this != V4_9;
    }

    /** True if a PAWS failure in TIME_WAIT counts in PAWSTimewait (LINUX_MIB_PAWS_TW_REJECTED); 4.9 counts PAWSEstab. */
    public boolean countsTimeWaitPawsApart() {
        return this != V4_9;
    }

    /**
     * True if the receive window's share of the buffer is tp->scaling_ratio, measured from the
     * len / truesize of received segments (tcp_measure_rcv_mss, 6.6+), with the receiver's RTT
     * estimate seeking its minimum (6.16+); 4.9 takes tcp_adv_win_scale's fixed half.
     */
    public boolean measuresScalingRatio() {
        return this != V4_9;
    }

    /** Parses a label exactly as written, {@code "6.18"} or {@code "4.9"} (no blanks: names are exact everywhere). */
    public static Optional<KernelVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (KernelVersion k : values()) {
            if (k.label.equals(text)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The newest profile, used for hosts that do not name a kernel. */
    public static KernelVersion newest() {
        return V6_18;
    }

    /** All labels, comma separated, for error messages ("6.18, 4.9"). */
    public static String labels() {
        StringBuilder sb = new StringBuilder();
        for (KernelVersion k : values()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(k.label);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return label;
    }
}
