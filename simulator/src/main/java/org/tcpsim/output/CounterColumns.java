package org.tcpsim.output;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The "summary_counters" columns of summary.csv ("server:TcpExtListenOverflows"), read from each
 * run's counters.csv when the summary is rebuilt; "HOST:*" stands for every counter of HOST that
 * is non-zero in some listed run, in counters.csv order.
 */
final class CounterColumns {
    private CounterColumns() {
    }

    /** Column names for {@code wanted}, given each run's counters ("host:counter" -> value). */
    static List<String> columns(List<String> wanted, List<Map<String, Double>> perRun) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : wanted) {
            if (!w.endsWith(":*")) {
                out.add(w);
                continue;
            }
            String host = w.substring(0, w.length() - 1);
            for (Map<String, Double> run : perRun) {
                run.forEach((k, v) -> {
                    if (k.startsWith(host) && v != 0) {
                        out.add(k);
                    }
                });
            }
        }
        return new ArrayList<>(out);
    }

    /** A run's counters.csv as "host:counter" -> value, in file order (empty when the file is missing). */
    static Map<String, Double> read(Path runDir) throws IOException {
        Map<String, Double> out = new LinkedHashMap<>();
        Path file = runDir.resolve("counters.csv");
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord r : p) {
                try {
                    out.put(r.get("host") + ":" + r.get("counter"), Double.parseDouble(r.get("value")));
                } catch (NumberFormatException e) {
                    // not a number: leave the cell empty
                }
            }
        }
        return out;
    }
}
