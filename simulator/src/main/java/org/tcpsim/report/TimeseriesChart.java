package org.tcpsim.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tcpsim.experiment.ChartSpec;

/**
 * The lines of a chart over timeseries.csv: one per (run, host, metric) for the runs the summary
 * lists (those its where filter keeps), each run named by the parameters that differ between them.
 */
public final class TimeseriesChart {
    private TimeseriesChart() {
    }

    public static ChartData build(ResultsDir results, ChartSpec spec) throws IOException {
        Map<String, Map<String, String>> runs = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> r : results.runs().entrySet()) {
            boolean keep = true;
            for (Map.Entry<String, String> w : spec.where().entrySet()) {
                String v = r.getValue().get(w.getKey());
                if (v == null && !results.singleRun()) {
                    throw new ChartException(results.summaryPath() + " has no column '" + w.getKey()
                            + "' to filter runs by (columns: " + String.join(", ", r.getValue().keySet()) + ")");
                }
                keep &= w.getValue().equals(v);
            }
            if (keep) {
                runs.put(r.getKey(), r.getValue());
            }
        }
        Map<String, String> labels = runLabels(runs, results.paramColumns());
        record Line(String runId, String host, String metric, List<ChartData.Point> points) {
        }
        List<Line> found = new ArrayList<>();
        Set<String> hosts = new LinkedHashSet<>();
        for (String runId : runs.keySet()) {
            Csv ts = Csv.read(results.runPath(runId).resolve("timeseries.csv"));
            int t = ts.require("t_s");
            int host = ts.require("host");
            int metric = ts.require("metric");
            int value = ts.require("value");
            Map<List<String>, Line> byLine = new LinkedHashMap<>();
            for (List<String> row : ts.rows()) {
                String m = Csv.cell(row, metric);
                String h = Csv.cell(row, host);
                if (!spec.y().contains(m) || (spec.host() != null && !spec.host().equals(h))) {
                    continue;
                }
                Double x = Csv.number(Csv.cell(row, t));
                Double v = Csv.number(Csv.cell(row, value));
                if (x != null && v != null) {
                    hosts.add(h);
                    byLine.computeIfAbsent(List.of(h, m), k -> new Line(runId, h, m, new ArrayList<>())).points()
                            .add(new ChartData.Point(Csv.cell(row, t), x, v, Double.NaN, Double.NaN, 1));
                }
            }
            found.addAll(byLine.values());
        }
        List<ChartData.Series> series = new ArrayList<>();
        for (Line l : found) {
            // name only what tells the lines apart: the run, the host if several, the metric if several
            String label = join(labels.get(l.runId()), hosts.size() > 1 ? l.host() : "", spec.y().size() > 1 ? l.metric() : "");
            series.add(new ChartData.Series(label.isEmpty() ? l.metric() : label, false, l.points()));
        }
        if (series.isEmpty()) {
            throw new ChartException("no timeseries rows for metric(s) " + spec.y()
                    + (spec.host() != null ? " on host " + spec.host() : "") + " in the " + runs.size() + " run(s) "
                    + (spec.where().isEmpty() ? "" : "where " + spec.where() + " ") + "of " + results.experimentOut());
        }
        int drawn = series.size();
        for (ChartSpec.Reference ref : spec.references()) {
            List<ChartData.Point> points = new ArrayList<>();
            for (int i = 0; i < ref.x().size(); i++) {
                Double x = Csv.number(ref.x().get(i));
                if (x == null) {
                    throw new ChartException("reference '" + ref.label() + "': x value '" + ref.x().get(i)
                            + "' is not a number");
                }
                points.add(new ChartData.Point(ref.x().get(i), x, ref.y().get(i), Double.NaN, Double.NaN, 1));
            }
            series.add(new ChartData.Series(ref.label(), true, points));
        }
        Unit yUnit = ColumnMeaning.of(spec.y().get(0)).unit();
        for (String y : spec.y()) {
            if (ColumnMeaning.of(y).unit() != yUnit) {
                yUnit = Unit.NONE;
            }
        }
        String yTitle = !spec.yTitle().isEmpty() ? spec.yTitle() : ColumnMeaning.title(spec.y());
        String onHost = spec.host() != null ? " on " + spec.host() : hosts.size() == 1 ? " on " + hosts.iterator().next() : "";
        String title = !spec.title().isEmpty() ? spec.title()
                : results.name() + ": " + yTitle.replaceFirst(" \\([^()]*\\)$", "") + onHost + " over time";
        String xTitle = !spec.xTitle().isEmpty() ? spec.xTitle() : Unit.SECONDS.title("time");
        String note = drawn > ChartData.LEGEND_MAX ? drawn + " lines drawn; the legend names the first "
                + ChartData.LEGEND_MAX + " (narrow them with --where or --host)" : "";
        return new ChartData(title, xTitle, yTitle, Unit.SECONDS, yUnit, false, spec.logX(), spec.logY(),
                spec.yFromZero(), List.of(), series, note);
    }

    /** Each run's name: the parameter columns whose values differ between the runs, and the seed if several. */
    private static Map<String, String> runLabels(Map<String, Map<String, String>> runs, List<String> params) {
        List<String> varying = new ArrayList<>();
        List<String> candidates = new ArrayList<>(params);
        candidates.add("seed");
        for (String c : candidates) {
            if (params.stream().anyMatch(p -> c.startsWith(p + "."))) {
                continue; // a leaf of an object column (loss.p of loss): its parent names the run already
            }
            Set<String> values = new LinkedHashSet<>();
            runs.values().forEach(r -> values.add(r.getOrDefault(c, "")));
            if (values.size() > 1) {
                varying.add(c);
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> r : runs.entrySet()) {
            List<String> parts = new ArrayList<>();
            for (String c : varying) {
                parts.add(c + "=" + AxisValues.label(r.getValue().getOrDefault(c, "")));
            }
            out.put(r.getKey(), String.join(", ", parts));
        }
        return out;
    }

    private static String join(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            if (p != null && !p.isEmpty()) {
                b.append(b.length() == 0 ? "" : " ").append(p);
            }
        }
        return b.toString();
    }
}
