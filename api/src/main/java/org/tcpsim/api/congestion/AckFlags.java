package org.tcpsim.api.congestion;

/**
 * The FLAG_* bits of net/ipv4/tcp_input.c that describe one incoming ACK, as
 * {@link CongestionControl#congControl} receives them in {@code flag} (Linux 6.10 and later pass
 * them). tcpsim sets the bits listed in {@link #FILLED}; the others are never set yet.
 */
public final class AckFlags {
    /** FLAG_DATA: the incoming segment contained data. */
    public static final int FLAG_DATA = 0x01;
    /** FLAG_WIN_UPDATE: the incoming ACK was a window update. */
    public static final int FLAG_WIN_UPDATE = 0x02;
    /** FLAG_DATA_ACKED: this ACK acknowledged new data. */
    public static final int FLAG_DATA_ACKED = 0x04;
    /** FLAG_RETRANS_DATA_ACKED: some of the newly acknowledged data was retransmitted. */
    public static final int FLAG_RETRANS_DATA_ACKED = 0x08;
    /** FLAG_SYN_ACKED: this ACK acknowledged the SYN. */
    public static final int FLAG_SYN_ACKED = 0x10;
    /** FLAG_DATA_SACKED: new SACK information. */
    public static final int FLAG_DATA_SACKED = 0x20;
    /** FLAG_ECE: ECE in this ACK (never set: no ECN in tcpsim). */
    public static final int FLAG_ECE = 0x40;
    /** FLAG_LOST_RETRANS: this ACK marks some retransmission lost (not set yet). */
    public static final int FLAG_LOST_RETRANS = 0x80;
    /** FLAG_SLOWPATH: processed on the slow path (always: tcpsim has no header prediction). */
    public static final int FLAG_SLOWPATH = 0x100;
    /** FLAG_ORIG_SACK_ACKED: never-retransmitted data were (s)acked (not set yet). */
    public static final int FLAG_ORIG_SACK_ACKED = 0x200;
    /** FLAG_SND_UNA_ADVANCED: snd_una moved. */
    public static final int FLAG_SND_UNA_ADVANCED = 0x400;
    /** FLAG_DSACKING_ACK: the SACK blocks held D-SACK information (not set yet). */
    public static final int FLAG_DSACKING_ACK = 0x800;
    /** FLAG_ACK_MAYBE_DELAYED: likely a delayed ACK. */
    public static final int FLAG_ACK_MAYBE_DELAYED = 0x10000;

    /** The bits tcpsim sets today; a module must not rely on the others. */
    public static final int FILLED = FLAG_DATA | FLAG_WIN_UPDATE | FLAG_DATA_ACKED | FLAG_RETRANS_DATA_ACKED
            | FLAG_DATA_SACKED | FLAG_SLOWPATH | FLAG_SND_UNA_ADVANCED | FLAG_ACK_MAYBE_DELAYED;

    private AckFlags() {
    }
}
