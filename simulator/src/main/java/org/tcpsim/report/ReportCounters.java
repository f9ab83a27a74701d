package org.tcpsim.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's counters section: per host, every counter of counters.csv that is non-zero in some
 * run of the summary; a column per run (up to {@link #RUNS_SHOWN} runs), else min, mean and max.
 */
final class ReportCounters {
    static final int RUNS_SHOWN = 12;

    private ReportCounters() {
    }

    static void section(Html h, ResultsDir results) throws IOException {
        h.raw("<section id=\"counters\">\n<h2>Kernel counters, non-zero ones per host (counters.csv)</h2>\n");
        List<String> runs = results.runIds();
        // host -> counter -> value per run (in run order)
        Map<String, Map<String, double[]>> byHost = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            Path file = results.runPath(runs.get(i)).resolve("counters.csv");
            if (!Files.isRegularFile(file)) {
                continue;
            }
            Csv c = Csv.read(file);
            int host = c.require("host");
            int counter = c.require("counter");
            int value = c.require("value");
            for (List<String> row : c.rows()) {
                Double v = Csv.number(Csv.cell(row, value));
                double[] values = byHost.computeIfAbsent(Csv.cell(row, host), k -> new LinkedHashMap<>())
                        .computeIfAbsent(Csv.cell(row, counter), k -> new double[runs.size()]);
                values[i] = v == null ? 0 : v;
            }
        }
        boolean perRun = runs.size() <= RUNS_SHOWN;
        for (Map.Entry<String, Map<String, double[]>> host : byHost.entrySet()) {
            List<List<String>> rows = new ArrayList<>();
            for (Map.Entry<String, double[]> e : host.getValue().entrySet()) {
                double[] v = e.getValue();
                if (java.util.Arrays.stream(v).allMatch(x -> x == 0)) {
                    continue;
                }
                List<String> row = new ArrayList<>();
                row.add(e.getKey());
                if (perRun) {
                    for (double x : v) {
                        row.add(Unit.exact(x));
                    }
                } else {
                    double min = java.util.Arrays.stream(v).min().orElse(0);
                    double max = java.util.Arrays.stream(v).max().orElse(0);
                    double mean = java.util.Arrays.stream(v).average().orElse(0);
                    row.addAll(List.of(Unit.exact(min), Unit.exact(mean), Unit.exact(max)));
                }
                rows.add(row);
            }
            List<String> header = new ArrayList<>();
            header.add("counter");
            if (perRun) {
                header.addAll(runs);
            } else {
                header.addAll(List.of("min over " + runs.size() + " runs", "mean", "max"));
            }
            h.element("h3", "", host.getKey() + " (" + rows.size() + " non-zero)");
            if (rows.isEmpty()) {
                h.element("p", "", "Every counter stayed 0.");
            } else {
                h.table("counters", header, rows);
            }
        }
        h.raw("</section>\n");
    }
}
