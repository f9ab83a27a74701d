package org.tcpsim.config;

import java.io.Serializable;
import java.util.Objects;

/**
 * One thing wrong with a user's configuration: where it is and what was expected.
 *
 * @param file    the file as the user named it (display name)
 * @param pointer JSON Pointer (RFC 6901) of the offending value; "" is the whole document
 * @param line    1-based line, or 0 when unknown (e.g. the file could not be read)
 * @param column  1-based column, or 0 when unknown
 * @param message what is wrong, in plain English, saying what was expected
 */
public record ConfigProblem(String file, String pointer, int line, int column, String message)
        implements Serializable {

    public ConfigProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
    }

    /** Longest message printed whole; longer ones (echoing a huge value) are cut in the middle. */
    static final int MAX_PRINTED = 2000;

    /**
     * {@code FILE:LINE:COL: at POINTER: MESSAGE}, like a compiler diagnostic editors can jump to; one line
     * of printable text whatever the input held (control characters are escaped as \\uXXXX).
     */
    public String format() {
        // each part cut on its own: cutting the whole line could leave out the ": at POINTER: " between a
        // long file name (a fuzzed topology path of 2000 characters) and the message
        StringBuilder sb = new StringBuilder(printable(file, MAX_PRINTED_NAME));
        if (line > 0) {
            sb.append(':').append(line).append(':').append(Math.max(column, 1));
        }
        sb.append(": at ").append(pointer.isEmpty() ? "/" : printable(pointer, MAX_PRINTED_NAME)).append(": ")
                .append(printable(message));
        return sb.toString();
    }

    /** Control characters escaped, and the middle of an over-long text left out. */
    public static String printable(String text) {
        return printable(text, MAX_PRINTED);
    }

    /** Longest file name or pointer printed whole in a problem's location. */
    static final int MAX_PRINTED_NAME = 500;

    private static String printable(String text, int max) {
        String s = text;
        if (s.length() > max) {
            s = s.substring(0, max / 2) + " ... (" + (s.length() - max) + " characters left out) ... "
                    + s.substring(s.length() - max / 2);
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = Character.isISOControl(c) || Character.isSurrogate(c) && !pairedAt(s, i);
            if (bad && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (bad) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }

    private static boolean pairedAt(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    @Override
    public String toString() {
        return format();
    }
}
