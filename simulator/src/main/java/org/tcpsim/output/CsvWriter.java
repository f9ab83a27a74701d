package org.tcpsim.output;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Streaming CSV writer: UTF-8, {@code "\n"} line endings, RFC 4180 quoting only where a field
 * needs it. Rows go straight to the file (only a small buffer of complete rows is held), as bytes:
 * ASCII text and numbers are copied in, other text is encoded as UTF-8 (a lone surrogate as
 * {@code ?}, as Java's encoder replaces it).
 *
 * <p>A row is built field by field ({@link #text}, {@link #integer}, {@link #real},
 * {@link #seconds}, {@link #empty}) and finished with {@link #endRow()}, which checks the
 * field count against the header. A row with the wrong count is discarded, not written.
 * Not thread-safe: one writer per thread.
 *
 * <p>Number formats are byte-identical on every machine and JDK; see {@link #formatReal} and
 * {@link #formatSeconds}.
 */
public final class CsvWriter implements Closeable {
    private static final int FLUSH_AT = 1 << 15;

    private final OutputStream out;
    private final int columns;
    private byte[] buf = new byte[FLUSH_AT + 4096];
    /** Where numbers are formatted before they are copied into {@link #buf}. */
    private final char[] digits = new char[NumberText.MAX_CHARS];
    private int pos;
    private int rowStart;
    private int fields;
    private boolean closed;

    /** Creates (or truncates) {@code file} and writes the header row. */
    public CsvWriter(Path file, List<String> header) throws IOException {
        if (header.isEmpty()) throw new IllegalArgumentException("CSV header has no columns: " + file);
        for (String h : header) {
            if (h == null) throw new IllegalArgumentException("null CSV column name: " + file);
        }
        this.columns = header.size();
        this.out = Files.newOutputStream(file);
        for (String h : header) text(h);
        endRow();
    }

    /**
     * Real number: NaN is an empty field; infinities are {@code inf} / {@code -inf}; integral
     * values with magnitude up to 2^53 print as integers ({@code 3}); anything else is rounded
     * (half-even, from the exact binary value) to at most 12 significant digits, in plain
     * notation when {@code 1e-6 <= |x| < 1e15} and as {@code 1.5e-09} otherwise, trailing zeros
     * stripped; {@code -0.0} prints as {@code 0}.
     */
    public static String formatReal(double x) {
        char[] b = new char[NumberText.MAX_CHARS];
        return new String(b, 0, NumberText.writeReal(x, b, 0));
    }

    /** Exact decimal seconds of a nanosecond count: {@code 0}, {@code 1.5}, {@code -0.000000001}. */
    public static String formatSeconds(long nanos) {
        char[] b = new char[NumberText.MAX_CHARS];
        return new String(b, 0, NumberText.writeSeconds(nanos, b, 0));
    }

    /** A text field, quoted only if it contains a comma, a double quote, CR or LF; null is empty. */
    public CsvWriter text(String s) {
        beginField();
        if (s == null) return this;
        int n = s.length();
        ensure(n);
        int p = pos;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (!plain(c)) {
                return encoded(s); // nothing of it kept: pos is where the field starts
            }
            buf[p++] = (byte) c;
        }
        pos = p;
        return this;
    }

    /** The text of a field that is not plain ASCII without quotes: quoted if it needs to be, as UTF-8. */
    private CsvWriter encoded(String s) {
        if (needsQuotes(s)) {
            StringBuilder q = new StringBuilder(s.length() + 8).append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"') q.append('"');
                q.append(c);
            }
            s = q.append('"').toString();
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
        return this;
    }

    /** A text field {@code text + separator + number} (conn_id {@code storm.17}), without building that string. */
    public CsvWriter text(String text, char separator, long number) {
        if (!plain(separator)) {
            return text(text + separator + number);
        }
        for (int i = 0; i < text.length(); i++) {
            if (!plain(text.charAt(i))) {
                return text(text + separator + number);
            }
        }
        beginField();
        int n = text.length();
        ensure(n + 1 + NumberText.MAX_CHARS);
        for (int i = 0; i < n; i++) {
            buf[pos++] = (byte) text.charAt(i);
        }
        buf[pos++] = (byte) separator;
        return digits(NumberText.writeLong(number, digits, 0));
    }

    private static boolean needsQuotes(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (needsQuotes(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** A character copied in as one byte: ASCII, and no reason to quote. */
    private static boolean plain(char c) {
        return c < 0x80 && !needsQuotes(c);
    }

    private static boolean needsQuotes(char c) {
        return c == ',' || c == '"' || c == '\n' || c == '\r';
    }

    /** An integer field. */
    public CsvWriter integer(long v) {
        beginField();
        return digits(NumberText.writeLong(v, digits, 0));
    }

    /** A real field, formatted as {@link #formatReal(double)}. */
    public CsvWriter real(double v) {
        beginField();
        return digits(NumberText.writeReal(v, digits, 0));
    }

    /** A duration or instant in seconds, formatted as {@link #formatSeconds(long)}. */
    public CsvWriter seconds(long nanos) {
        beginField();
        return digits(NumberText.writeSeconds(nanos, digits, 0));
    }

    /** Copies the first {@code n} characters of {@link #digits} (ASCII) in. */
    private CsvWriter digits(int n) {
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[pos + i] = (byte) digits[i];
        }
        pos += n;
        return this;
    }

    /** An empty field (a missing value). */
    public CsvWriter empty() {
        beginField();
        return this;
    }

    /**
     * Ends the current row.
     *
     * @throws IllegalStateException if the row's field count differs from the header's (the
     *     row is discarded and the writer stays usable)
     */
    public void endRow() {
        checkOpen();
        if (fields != columns) {
            int got = fields;
            pos = rowStart;
            fields = 0;
            throw new IllegalStateException("CSV row has " + got + " fields, header has " + columns);
        }
        ensure(1);
        buf[pos++] = '\n';
        fields = 0;
        if (pos >= FLUSH_AT) drain();
        rowStart = pos;
    }

    /**
     * Writes one whole row: null is empty, Double/Float are reals, Long/Integer/Short/Byte are
     * integers, anything else is text ({@code toString}, plain for BigDecimal).
     */
    public void row(Object... values) {
        for (Object v : values) {
            if (v == null) empty();
            else if (v instanceof Double || v instanceof Float) real(((Number) v).doubleValue());
            else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                integer(((Number) v).longValue());
            } else if (v instanceof BigDecimal) text(((BigDecimal) v).toPlainString());
            else if (v instanceof BigInteger) text(v.toString());
            else text(v.toString());
        }
        endRow();
    }

    /** Pushes every complete row to the operating system. */
    public void flush() {
        checkOpen();
        try {
            out.write(buf, 0, rowStart);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.arraycopy(buf, rowStart, buf, 0, pos - rowStart);
        pos -= rowStart;
        rowStart = 0;
    }

    /**
     * Writes the complete rows and closes the file.
     *
     * @throws IllegalStateException after closing, if a row was left unfinished (it is dropped)
     */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        boolean unfinished = fields > 0;
        try (OutputStream o = out) {
            o.write(buf, 0, rowStart);
        }
        buf = null;
        if (unfinished) throw new IllegalStateException("CSV row left unfinished at close (dropped)");
    }

    private void beginField() {
        checkOpen();
        if (fields++ > 0) {
            ensure(1);
            buf[pos++] = ',';
        }
    }

    private void ensure(int n) {
        if (pos + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
    }

    private void drain() {
        try {
            out.write(buf, 0, pos);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pos = 0;
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("CSV writer is closed");
    }
}
