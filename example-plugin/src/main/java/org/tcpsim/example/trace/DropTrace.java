package org.tcpsim.example.trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.tcpsim.api.ParameterException;

/**
 * The packets a trace file says to drop: packet numbers counted from 1 in the order packets leave
 * the transmitter of one link direction. One number or an inclusive range {@code A-B} per line;
 * {@code #} starts a comment; blank lines are ignored. Sorted and without duplicates.
 */
final class DropTrace {
    private DropTrace() {
    }

    /**
     * @param file  the trace
     * @param param the parameter that named it (for errors)
     * @return the packet numbers, ascending, distinct
     * @throws ParameterException naming the line of the first bad entry
     */
    static long[] read(Path file, String param) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ParameterException(param, "cannot read " + file + ": " + e.getMessage());
        }
        long[] out = new long[16];
        int n = 0;
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            int hash = text.indexOf('#');
            text = (hash >= 0 ? text.substring(0, hash) : text).trim();
            if (text.isEmpty()) {
                continue;
            }
            long first;
            long last;
            try {
                int dash = text.indexOf('-');
                first = Long.parseLong(dash < 0 ? text : text.substring(0, dash).trim());
                last = dash < 0 ? first : Long.parseLong(text.substring(dash + 1).trim());
            } catch (NumberFormatException e) {
                throw new ParameterException(param, file.getFileName() + " line " + (i + 1)
                        + ": expected a packet number or a range A-B, got \"" + lines.get(i).trim() + "\"");
            }
            if (first < 1 || last < first || last - first > 10_000_000) {
                throw new ParameterException(param, file.getFileName() + " line " + (i + 1)
                        + ": packet numbers count from 1, ranges go up (A-B with A <= B), got \"" + text + "\"");
            }
            for (long p = first; p <= last; p++) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = p;
            }
        }
        long[] sorted = Arrays.copyOf(out, n);
        Arrays.sort(sorted);
        return Arrays.stream(sorted).distinct().toArray();
    }
}
