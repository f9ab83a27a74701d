package org.tcpsim.packetdrill;

import java.util.List;

/**
 * A TCP packet line: {@code < S 0:0(0) win 32792 <mss 1000,nop,wscale 7>} (inbound, from the
 * remote peer the script plays) or {@code > P. 1:1001(1000) ack 1} (outbound, expected from the
 * local kernel). Sequence numbers as written: the remote side's absolute, the local side's relative
 * to its ISN.
 *
 * @param flags   the flag letters ({@code S}, {@code F}, {@code R}, {@code P}, {@code .} for ACK, ...)
 * @param ack     the {@code ack} value, or 0 when absent (as packetdrill)
 * @param window  the {@code win} value, or -1 when absent (outbound: not checked)
 * @param urgPtr  the {@code urg} value (the urgent pointer), 0 when absent
 * @param options TCP options in order; null for {@code <...>} (outbound: not checked)
 * @param srcPort an inbound line's explicit source port ({@code < 50001>8080 S ...}), or 0
 * @param dstPort an inbound line's explicit destination port, or 0
 */
record PacketSpec(boolean inbound, String flags, long seq, int length, long ack, int window, int urgPtr,
                  List<TcpOption> options,
                  int srcPort, int dstPort) implements Script.Action {

    boolean has(char flag) {
        return flags.indexOf(flag) >= 0;
    }

    /** One TCP option as written in a packet line. */
    record TcpOption(Kind kind, long a, long b, long[] sackBlocks) {
        enum Kind { NOP, EOL, MSS, WSCALE, SACK_PERMITTED, SACK, TIMESTAMP }

        static TcpOption of(Kind kind) {
            return new TcpOption(kind, 0, 0, null);
        }

        /** Its length on the wire (as tcp_options_append counts it). */
        int length() {
            return switch (kind) {
                case NOP, EOL -> 1;
                case MSS -> 4;
                case WSCALE -> 3;
                case SACK_PERMITTED -> 2;
                case SACK -> 2 + 8 * (sackBlocks.length / 2);
                case TIMESTAMP -> 10;
            };
        }

        @Override
        public String toString() {
            return switch (kind) {
                case NOP -> "nop";
                case EOL -> "eol";
                case MSS -> "mss " + a;
                case WSCALE -> "wscale " + a;
                case SACK_PERMITTED -> "sackOK";
                case TIMESTAMP -> "TS val " + a + " ecr " + b;
                case SACK -> {
                    StringBuilder s = new StringBuilder("sack");
                    for (int i = 0; i + 1 < sackBlocks.length; i += 2) {
                        s.append(' ').append(sackBlocks[i]).append(':').append(sackBlocks[i + 1]);
                    }
                    yield s.toString();
                }
            };
        }
    }
}
