package org.tcpsim.nat;

/**
 * Conntrack's view of a TCP flow, with Linux's names (nf_conntrack_proto_tcp.c:
 * tcp_conntrack_names) and the main path of its tcp_conntracks transition table.
 */
public enum TcpConntrackState {
    NONE, SYN_SENT, SYN_RECV, ESTABLISHED, FIN_WAIT, CLOSE_WAIT, LAST_ACK, TIME_WAIT, CLOSE;

    private static final int FIN = 0x01;
    private static final int SYN = 0x02;
    private static final int RST = 0x04;
    private static final int ACK = 0x10;

    /**
     * The state after a segment with TCP {@code flags} travelling in the original direction
     * ({@code original}) or the reply direction, or null when the table says ignore or invalid
     * (the state stays). SYN_SENT from TIME_WAIT or CLOSE means "reopen": the caller replaces the
     * entry, as tcp_packet does with nf_ct_kill and NF_REPEAT. From NONE (a new entry) only a SYN
     * or a bare ACK may start a flow (tcp_new): a FIN or RST first is INVALID.
     */
    TcpConntrackState next(boolean original, int flags) {
        if ((flags & RST) != 0) {
            return this == NONE ? null : CLOSE;
        }
        boolean syn = (flags & SYN) != 0;
        boolean ack = (flags & ACK) != 0;
        if (syn && !ack) {
            // a new SYN from the client reopens a closed flow; elsewhere it is a retransmission or ignored
            return original && (this == NONE || this == SYN_SENT || this == TIME_WAIT || this == CLOSE) ? SYN_SENT : null;
        }
        if (syn) {
            return !original && (this == SYN_SENT || this == SYN_RECV) ? SYN_RECV : null;
        }
        if ((flags & FIN) != 0) {
            return switch (this) {
                case SYN_RECV, ESTABLISHED -> FIN_WAIT;
                case FIN_WAIT, CLOSE_WAIT, LAST_ACK -> LAST_ACK;
                case TIME_WAIT, CLOSE -> this;
                default -> null;
            };
        }
        if (ack) {
            return switch (this) {
                case NONE -> ESTABLISHED; // picked up mid-stream (nf_conntrack_tcp_loose = 1, the default)
                case SYN_RECV -> original ? ESTABLISHED : null;
                case ESTABLISHED -> ESTABLISHED;
                case FIN_WAIT, CLOSE_WAIT -> CLOSE_WAIT;
                case LAST_ACK, TIME_WAIT -> TIME_WAIT;
                case CLOSE -> CLOSE;
                default -> null;
            };
        }
        return null;
    }

    /** Whether early_drop may evict an ASSURED flow in this state (tcp_can_early_drop). */
    boolean closing() {
        return this == FIN_WAIT || this == CLOSE_WAIT || this == LAST_ACK || this == TIME_WAIT || this == CLOSE;
    }
}
