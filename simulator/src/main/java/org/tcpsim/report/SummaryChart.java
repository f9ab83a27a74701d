package org.tcpsim.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tcpsim.experiment.ChartSpec;

/**
 * The points of a chart over summary.csv: one per (series, x), the mean over the seeds of one
 * sweep point, with its 95 % interval from aggregate.csv. A point never averages different
 * sweep points: when the chart's x, series and where leave a swept column free, it says which
 * one instead of drawing a mean of unlike runs.
 */
public final class SummaryChart {
    private SummaryChart() {
    }

    /** One (series, x) cell: the values of its rows and the sweep points they belong to. */
    private static final class Cell {
        final List<Double> values = new ArrayList<>();
        final Set<List<String>> points = new LinkedHashSet<>();
    }

    public static ChartData build(Path summaryCsv, ChartSpec spec, String experimentName) throws IOException {
        Csv summary = Csv.read(summaryCsv);
        Path aggregatePath = summaryCsv.resolveSibling("aggregate.csv");
        Csv aggregate = Files.exists(aggregatePath) ? Csv.read(aggregatePath) : null;
        int xCol = summary.require(spec.x());
        List<Integer> yCols = new ArrayList<>();
        for (String y : spec.y()) {
            if (summary.column(y) < 0 && y.matches("[A-Za-z0-9][A-Za-z0-9._-]*:[A-Z][A-Za-z0-9_:.-]*")) {
                throw new ChartException(summaryCsv + " has no column '" + y + "': add \"" + y + "\" to the"
                        + " experiment's \"summary_counters\" and run the same sweep (or run) again; finished runs are"
                        + " not re-run, their counters.csv is read");
            }
            yCols.add(summary.require(y));
        }
        int seriesCol = spec.series() == null ? -1 : summary.require(spec.series());
        Map<Integer, String> where = new LinkedHashMap<>();
        spec.where().forEach((c, v) -> where.put(summary.require(c), v));
        List<String> params = aggregate == null ? List.of() : aggregate.header().subList(0, aggregate.require("metric"));
        List<Integer> paramCols = new ArrayList<>();
        for (String p : params) {
            paramCols.add(summary.require(p));
        }

        Map<String, Map<String, Cell>> lines = new LinkedHashMap<>();
        List<String> xOrder = new ArrayList<>();
        for (List<String> row : summary.rows()) {
            if (!where.entrySet().stream().allMatch(w -> w.getValue().equals(Csv.cell(row, w.getKey())))) {
                continue;
            }
            String x = Csv.cell(row, xCol);
            List<String> point = new ArrayList<>();
            for (int c : paramCols) {
                point.add(Csv.cell(row, c));
            }
            for (int i = 0; i < yCols.size(); i++) {
                Double v = Csv.number(Csv.cell(row, yCols.get(i)));
                if (v == null) {
                    continue;
                }
                String y = spec.y().get(i);
                String label = seriesCol < 0 ? y
                        : (spec.y().size() > 1 ? y + ", " : "") + spec.series() + " = "
                        + AxisValues.label(Csv.cell(row, seriesCol));
                Cell cell = lines.computeIfAbsent(label, l -> new LinkedHashMap<>()).computeIfAbsent(x, k -> new Cell());
                cell.values.add(v);
                cell.points.add(point);
                if (!xOrder.contains(x)) {
                    xOrder.add(x);
                }
            }
        }
        if (lines.isEmpty()) {
            throw new ChartException("no row of " + summaryCsv + " has a number in " + spec.y()
                    + (spec.where().isEmpty() ? "" : " where " + spec.where()));
        }
        refuseMixedPoints(lines, params, spec);

        Unit xUnit = spec.bars() ? null : AxisValues.commonUnit(xOrder);
        boolean numericX = xUnit != null;
        Map<List<String>, String[]> intervals = intervals(aggregate, params.size());
        List<ChartData.Series> series = new ArrayList<>();
        for (Map.Entry<String, Map<String, Cell>> line : lines.entrySet()) {
            String y = yOf(line.getKey(), spec);
            List<ChartData.Point> points = new ArrayList<>();
            for (String x : xOrder) {
                Cell cell = line.getValue().get(x);
                if (cell == null) {
                    continue;
                }
                List<String> key = new ArrayList<>(cell.points.iterator().next());
                key.add(y);
                points.add(point(x, numericX ? AxisValues.number(x, xUnit) : Double.NaN, cell.values,
                        intervals.get(key)));
            }
            if (numericX) {
                points.sort(Comparator.comparingDouble(ChartData.Point::x));
            }
            series.add(new ChartData.Series(line.getKey(), false, points));
        }
        for (ChartSpec.Reference ref : spec.references()) {
            List<ChartData.Point> points = new ArrayList<>();
            for (int i = 0; i < ref.x().size(); i++) {
                double x = Double.NaN;
                if (numericX) {
                    Double n = AxisValues.number(ref.x().get(i), xUnit);
                    if (n == null) {
                        throw new ChartException("reference '" + ref.label() + "': x value '" + ref.x().get(i)
                                + "' is not a number");
                    }
                    x = n;
                }
                points.add(new ChartData.Point(ref.x().get(i), x, ref.y().get(i), Double.NaN, Double.NaN, 1));
            }
            series.add(new ChartData.Series(ref.label(), true, points));
        }
        Unit yUnit = commonUnit(spec.y());
        ColumnMeaning xMeaning = ColumnMeaning.of(spec.x());
        Unit shownXUnit = numericX && xUnit != Unit.NONE ? xUnit : xMeaning.unit();
        String xTitle = !spec.xTitle().isEmpty() ? spec.xTitle()
                : numericX && xUnit != Unit.NONE ? xUnit.title(xMeaning.label()) : xMeaning.title();
        String yTitle = !spec.yTitle().isEmpty() ? spec.yTitle() : ColumnMeaning.title(spec.y());
        String title = !spec.title().isEmpty() ? spec.title()
                : experimentName + ": " + stripUnit(yTitle) + " by " + xMeaning.label();
        List<String> categories = numericX ? List.of() : xOrder;
        return new ChartData(title, xTitle, yTitle, shownXUnit, yUnit, !numericX, spec.logX(), spec.logY(),
                spec.yFromZero(), categories, series, "");
    }

    /** The y column a series label stands for. */
    private static String yOf(String label, ChartSpec spec) {
        if (spec.series() == null) {
            return label;
        }
        if (spec.y().size() == 1) {
            return spec.y().get(0);
        }
        return label.substring(0, label.indexOf(", " + spec.series() + " = "));
    }

    private static ChartData.Point point(String x, double xNumber, List<Double> values, String[] interval) {
        double mean = values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
        if (interval == null) {
            return new ChartData.Point(x, xNumber, mean, Double.NaN, Double.NaN, values.size());
        }
        Double low = Csv.number(interval[1]);
        Double high = Csv.number(interval[2]);
        Double n = Csv.number(interval[0]);
        return new ChartData.Point(x, xNumber, mean, low == null ? Double.NaN : low, high == null ? Double.NaN : high,
                n == null ? values.size() : n.intValue());
    }

    /** aggregate.csv: (parameter values..., metric) -> {n, ci95_low, ci95_high}. */
    private static Map<List<String>, String[]> intervals(Csv aggregate, int params) {
        Map<List<String>, String[]> out = new HashMap<>();
        if (aggregate == null) {
            return out;
        }
        int n = aggregate.require("n");
        int low = aggregate.require("ci95_low");
        int high = aggregate.require("ci95_high");
        for (List<String> row : aggregate.rows()) {
            List<String> key = new ArrayList<>(row.subList(0, params + 1));
            out.put(key, new String[] {Csv.cell(row, n), Csv.cell(row, low), Csv.cell(row, high)});
        }
        return out;
    }

    /** A drawn point must be one sweep point: name the free columns rather than average unlike runs. */
    private static void refuseMixedPoints(Map<String, Map<String, Cell>> lines, List<String> params, ChartSpec spec) {
        for (Map.Entry<String, Map<String, Cell>> line : lines.entrySet()) {
            for (Map.Entry<String, Cell> cell : line.getValue().entrySet()) {
                if (cell.getValue().points.size() < 2) {
                    continue;
                }
                Set<String> free = new LinkedHashSet<>();
                List<List<String>> pts = new ArrayList<>(cell.getValue().points);
                for (int i = 0; i < params.size(); i++) {
                    for (List<String> p : pts) {
                        if (!p.get(i).equals(pts.get(0).get(i))) {
                            free.add(params.get(i));
                        }
                    }
                }
                free.remove(spec.x());
                String col = free.isEmpty() ? "?" : free.iterator().next();
                throw new ChartException("the point at " + spec.x() + " = " + cell.getKey() + " of '" + line.getKey()
                        + "' would average " + pts.size() + " different sweep points (they differ in "
                        + String.join(", ", free) + "); choose one with --where " + col + "=VALUE or split them with"
                        + " --series " + col);
            }
        }
    }

    private static Unit commonUnit(List<String> columns) {
        Unit u = ColumnMeaning.of(columns.get(0)).unit();
        for (String c : columns) {
            if (ColumnMeaning.of(c).unit() != u) {
                return Unit.NONE;
            }
        }
        return u;
    }

    private static String stripUnit(String title) {
        return title.replaceFirst(" \\([^()]*\\)$", "");
    }
}
