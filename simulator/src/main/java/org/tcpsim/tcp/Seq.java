package org.tcpsim.tcp;

/**
 * Sequence-number arithmetic modulo 2^32 (Linux: before(), after(), between()). Sequence
 * numbers have no natural order, so nothing else may compare them with {@code <}.
 */
public final class Seq {
    private Seq() {
    }

    /** a comes before b. Linux: before(). */
    public static boolean lt(int a, int b) {
        return a - b < 0;
    }

    public static boolean le(int a, int b) {
        return a - b <= 0;
    }

    /** a comes after b. Linux: after(). */
    public static boolean gt(int a, int b) {
        return a - b > 0;
    }

    public static boolean ge(int a, int b) {
        return a - b >= 0;
    }

    /** low <= x <= high in sequence space. Linux: between(seq1, seq2, seq3), in u32 arithmetic. */
    public static boolean between(int x, int low, int high) {
        return Integer.compareUnsigned(high - low, x - low) >= 0;
    }

    /**
     * Whether segment [seq, endSeq) falls in the window [sWin, eWin] (tcp_minisocks.c:
     * tcp_in_window): it starts at the left edge, or overlaps the window, or is an empty segment
     * at its right edge.
     */
    public static boolean inWindow(int seq, int endSeq, int sWin, int eWin) {
        if (seq == sWin) {
            return true;
        }
        if (gt(endSeq, sWin) && lt(seq, eWin)) {
            return true;
        }
        return seq == eWin && seq == endSeq;
    }

    /** Distance from a to b (b - a), as a non-negative count when b is after a. */
    public static int distance(int a, int b) {
        return b - a;
    }

    public static int max(int a, int b) {
        return gt(a, b) ? a : b;
    }

    public static int min(int a, int b) {
        return lt(a, b) ? a : b;
    }
}
