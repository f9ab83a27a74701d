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

    /** {@code FILE:LINE:COL: at POINTER: MESSAGE}, like a compiler diagnostic editors can jump to. */
    public String format() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line).append(':').append(Math.max(column, 1));
        }
        sb.append(": at ").append(pointer.isEmpty() ? "/" : pointer).append(": ").append(message);
        return sb.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
