package org.tcpsim.cli;

import java.awt.Color;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.tcpsim.experiment.ChartSpec;

/** Draws a {@link ChartSpec} from the CSV files of a run or a sweep, with XChart. */
final class ChartRenderer {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 540;

    private ChartRenderer() {
    }

    /** One line (or bar group): x -> y values (several seeds give several values). */
    private record Line(String label, TreeMap<String, List<Double>> points) {
    }

    /** summary.csv: a point per (series value, x) with the mean over seeds of each y column. */
    static Chart<?, ?> fromSummary(Path summaryCsv, ChartSpec spec, String name) throws IOException {
        List<CSVRecord> rows = read(summaryCsv);
        List<String> header = rows.isEmpty() ? List.of() : rows.get(0).getParser().getHeaderNames();
        require(summaryCsv, header, spec.x());
        for (String y : spec.y()) {
            require(summaryCsv, header, y);
        }
        if (spec.series() != null) {
            require(summaryCsv, header, spec.series());
        }
        Map<String, Line> lines = new LinkedHashMap<>();
        List<String> xOrder = new ArrayList<>();
        boolean numericX = true;
        for (String column : spec.where().keySet()) {
            require(summaryCsv, header, column);
        }
        for (CSVRecord r : rows) {
            if (!spec.where().entrySet().stream().allMatch(w -> w.getValue().equals(r.get(w.getKey())))) {
                continue;
            }
            String x = r.get(spec.x());
            if (!xOrder.contains(x)) {
                xOrder.add(x);
            }
            numericX &= number(x) != null;
            for (String y : spec.y()) {
                String label = spec.series() == null ? y
                        : (spec.y().size() > 1 ? y + ", " : "") + spec.series() + " = " + r.get(spec.series());
                Double v = number(r.get(y));
                if (v != null) {
                    lines.computeIfAbsent(label, l -> new Line(l, new TreeMap<>()))
                            .points().computeIfAbsent(x, k -> new ArrayList<>()).add(v);
                }
            }
        }
        if (lines.isEmpty()) {
            throw new Main.BadInput("no row of " + summaryCsv + " has a number in " + spec.y()
                    + (spec.where().isEmpty() ? "" : " where " + spec.where()));
        }
        String yTitle = yTitle(spec);
        if (numericX && !spec.bars()) {
            XYChart chart = xyChart(spec, name, spec.x(), yTitle);
            for (Line line : lines.values()) {
                List<Double> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                line.points().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey((a, b) -> Double.compare(number(a), number(b))))
                        .forEach(e -> {
                            xs.add(number(e.getKey()));
                            ys.add(mean(e.getValue()));
                        });
                chart.addSeries(line.label(), xs, ys);
            }
            addReferences(chart, spec);
            verticalLegendIfCrowded(chart, lines.size() + spec.references().size());
            return chart;
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title(spec, name))
                .xAxisTitle(spec.x()).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        if (xOrder.stream().mapToInt(String::length).max().orElse(0) > 8) {
            chart.getStyler().setXAxisLabelRotation(30); // long categories ("4096 131072 33554432") overlap flat
        }
        chart.getStyler().setYAxisLogarithmic(spec.logY());
        for (Line line : lines.values()) {
            List<String> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (String x : xOrder) {
                List<Double> v = line.points().get(x);
                xs.add(x);
                ys.add(v == null ? 0.0 : mean(v));
            }
            chart.addSeries(line.label(), xs, ys);
        }
        for (ChartSpec.Reference ref : spec.references()) {
            List<Double> ys = new ArrayList<>();
            for (String x : xOrder) {
                int i = ref.x().indexOf(x);
                ys.add(i < 0 ? 0.0 : ref.y().get(i));
            }
            chart.addSeries(ref.label(), xOrder, ys);
        }
        verticalLegendIfCrowded(chart, lines.size() + spec.references().size());
        return chart;
    }

    /** timeseries.csv of each run: a line per (run, host, metric). */
    static XYChart fromTimeseries(Map<String, Path> runs, ChartSpec spec, String name) throws IOException {
        XYChart chart = xyChart(spec, name, "time (s)", yTitle(spec));
        int lines = 0;
        for (Map.Entry<String, Path> run : runs.entrySet()) {
            Path file = run.getValue().resolve("timeseries.csv");
            Map<String, List<double[]>> byLine = new LinkedHashMap<>();
            for (CSVRecord r : read(file)) {
                String metric = r.get("metric");
                String host = r.get("host");
                if (!spec.y().contains(metric) || (spec.host() != null && !spec.host().equals(host))) {
                    continue;
                }
                String label = label(runs.size() > 1 ? run.getKey() : "", spec.host() == null ? host : "",
                        spec.y().size() > 1 ? metric : "");
                if (label.isEmpty()) {
                    label = metric;
                }
                Double t = number(r.get("t_s"));
                Double v = number(r.get("value"));
                if (t != null && v != null) {
                    byLine.computeIfAbsent(label, l -> new ArrayList<>()).add(new double[] {t, v});
                }
            }
            for (Map.Entry<String, List<double[]>> e : byLine.entrySet()) {
                chart.addSeries(e.getKey(), e.getValue().stream().mapToDouble(p -> p[0]).toArray(),
                        e.getValue().stream().mapToDouble(p -> p[1]).toArray());
                lines++;
            }
        }
        addReferences(chart, spec);
        verticalLegendIfCrowded(chart, lines + spec.references().size());
        if (lines == 0) {
            throw new Main.BadInput("no timeseries rows for metric(s) " + spec.y()
                    + (spec.host() != null ? " on host " + spec.host() : "") + " in " + runs.values());
        }
        return chart;
    }

    /** Writes {@code base}.png, and {@code base}.svg when asked. */
    static List<Path> write(Chart<?, ?> chart, Path base, boolean svg) throws IOException {
        List<Path> out = new ArrayList<>();
        BitmapEncoder.saveBitmap(chart, base.toString(), BitmapEncoder.BitmapFormat.PNG);
        out.add(Path.of(base + ".png"));
        if (svg) {
            VectorGraphicsEncoder.saveVectorGraphic(chart, base.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            out.add(Path.of(base + ".svg"));
        }
        return out;
    }

    private static XYChart xyChart(ChartSpec spec, String name, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title(spec, name))
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setXAxisLogarithmic(spec.logX());
        chart.getStyler().setYAxisLogarithmic(spec.logY());
        return chart;
    }

    /** Theory as dashed lines without markers. */
    private static void addReferences(XYChart chart, ChartSpec spec) {
        for (ChartSpec.Reference ref : spec.references()) {
            List<Double> xs = new ArrayList<>();
            for (String v : ref.x()) {
                Double n = number(v);
                if (n == null) {
                    throw new Main.BadInput("reference '" + ref.label() + "': x value '" + v + "' is not a number");
                }
                xs.add(n);
            }
            chart.addSeries(ref.label(), xs, ref.y()).setMarker(SeriesMarkers.NONE).setLineStyle(SeriesLines.DASH_DASH);
        }
    }

    private static String label(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            if (!p.isEmpty()) {
                b.append(b.length() == 0 ? "" : " ").append(p);
            }
        }
        return b.toString();
    }

    /** More than three entries, or long ones, do not fit on one legend line. */
    private static void verticalLegendIfCrowded(Chart<?, ?> chart, int entries) {
        int chars = chart.getSeriesMap().keySet().stream().mapToInt(String::length).sum();
        if (entries > 3 || chars > 90) {
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        }
    }

    private static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
    }

    private static String yTitle(ChartSpec spec) {
        return !spec.yTitle().isEmpty() ? spec.yTitle() : spec.y().size() == 1 ? spec.y().get(0) : "value";
    }

    private static String title(ChartSpec spec, String name) {
        return spec.title().isEmpty() ? name : spec.title();
    }

    private static List<CSVRecord> read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            return p.getRecords();
        }
    }

    private static void require(Path file, List<String> header, String column) {
        if (!header.contains(column)) {
            throw new Main.BadInput(file + " has no column '" + column + "' (columns: " + String.join(", ", header) + ")");
        }
    }

    private static Double number(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            double v = Double.parseDouble(text);
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static double mean(List<Double> values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.size();
    }
}
