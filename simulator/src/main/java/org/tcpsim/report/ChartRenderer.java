package org.tcpsim.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.Series;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws {@link ChartData} with XChart: bars or lines, error bars for 95 % intervals, theory as
 * grey bars or dashed lines, SI tick labels with units, a y axis from 0 for bars (and on request
 * for lines), and a legend of at most {@link ChartData#LEGEND_MAX} entries beside the plot.
 */
public final class ChartRenderer {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 540;
    /** Theory bars: greys, so they read as "not measured" next to the coloured measurements. */
    private static final Color[] REFERENCE_FILL = {new Color(0x9E9E9E), new Color(0xC8C8C8), new Color(0x707070)};

    private ChartRenderer() {
    }

    public static Chart<?, ?> render(ChartData data) {
        return data.bars() ? bars(data) : lines(data);
    }

    private static CategoryChart bars(ChartData data) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(height(data)).title(data.title())
                .xAxisTitle(data.xTitle()).yAxisTitle(data.yTitle()).build();
        style(chart.getStyler(), data);
        List<String> labels = new ArrayList<>();
        for (String c : data.categories()) {
            labels.add(AxisValues.label(c));
        }
        if (longestCategory(data) > 8) {
            chart.getStyler().setXAxisLabelRotation(45); // long categories ("4096 131072 33554432") overlap flat
        }
        chart.getStyler().setYAxisLogarithmic(data.logY());
        if (!data.logY()) {
            chart.getStyler().setYAxisMin(0.0); // a bar is read by its length: it must start at 0
        }
        boolean intervals = data.hasIntervals();
        int references = 0;
        for (ChartData.Series s : data.series()) {
            List<Double> ys = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (String c : data.categories()) {
                ChartData.Point p = s.points().stream().filter(q -> q.xText().equals(c)).findFirst().orElse(null);
                ys.add(p == null ? null : p.y());
                errors.add(p != null && p.hasInterval() ? halfWidth(p) : 0.0);
            }
            CategorySeries series = intervals ? chart.addSeries(s.label(), labels, ys, errors)
                    : chart.addSeries(s.label(), labels, ys);
            if (s.reference()) {
                series.setFillColor(REFERENCE_FILL[references++ % REFERENCE_FILL.length]);
            }
        }
        finish(chart, data);
        return chart;
    }

    private static XYChart lines(ChartData data) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(height(data)).title(data.title())
                .xAxisTitle(data.xTitle()).yAxisTitle(data.yTitle()).build();
        style(chart.getStyler(), data);
        chart.getStyler().setXAxisLogarithmic(data.logX());
        chart.getStyler().setYAxisLogarithmic(data.logY());
        if (data.yFromZero() && !data.logY()) {
            chart.getStyler().setYAxisMin(0.0);
        }
        if (data.logX()) {
            chart.getStyler().setXAxisDecimalPattern(logPattern(data, true));
        } else {
            // XChart's custom tick labels replace its logarithmic tick placement: log axes keep XChart's decades
            int exponent = data.xUnit().exponentFor(maxAbs(data, true));
            chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> data.xUnit().format(v, exponent));
        }
        for (ChartData.Series s : data.series()) {
            double[] xs = s.points().stream().mapToDouble(ChartData.Point::x).toArray();
            double[] ys = s.points().stream().mapToDouble(ChartData.Point::y).toArray();
            boolean withErrors = !s.reference() && s.points().stream().anyMatch(ChartData.Point::hasInterval);
            XYSeries series = withErrors
                    ? chart.addSeries(s.label(), xs, ys, s.points().stream()
                            .mapToDouble(p -> p.hasInterval() ? halfWidth(p) : 0).toArray())
                    : chart.addSeries(s.label(), xs, ys);
            if (s.reference()) {
                series.setMarker(SeriesMarkers.NONE).setLineStyle(SeriesLines.DASH_DASH);
            } else if (s.points().size() > 60) {
                series.setMarker(SeriesMarkers.NONE); // a timeseries: markers would hide the line
            }
        }
        finish(chart, data);
        return chart;
    }

    /** The Student t interval is symmetric about the mean: XChart's error bars draw mean +- this. */
    private static double halfWidth(ChartData.Point p) {
        return (p.ciHigh() - p.ciLow()) / 2;
    }

    private static void finish(Chart<?, ?> chart, ChartData data) {
        AxesChartStyler s = (AxesChartStyler) chart.getStyler();
        if (data.logY()) {
            s.setYAxisDecimalPattern(logPattern(data, false));
        } else {
            int exponent = data.yUnit().exponentFor(maxAbs(data, false));
            s.setyAxisTickLabelsFormattingFunction(v -> data.yUnit().format(v, exponent));
        }
        int shown = 0;
        for (Series series : chart.getSeriesMap().values()) {
            series.setShowInLegend(shown++ < ChartData.LEGEND_MAX);
        }
        switch (legend(data)) {
            case ROW:
                s.setLegendPosition(Styler.LegendPosition.OutsideS);
                s.setLegendLayout(Styler.LegendLayout.Horizontal);
                break;
            case BESIDE:
                s.setLegendPosition(Styler.LegendPosition.OutsideE); // a column beside the plot keeps its height
                s.setLegendLayout(Styler.LegendLayout.Vertical);
                break;
            default:
                s.setLegendPosition(Styler.LegendPosition.OutsideS);
                s.setLegendLayout(Styler.LegendLayout.Vertical);
        }
    }

    private enum Legend { ROW, BESIDE, BELOW }

    /** A short legend goes in one row under the plot, a narrow one beside it, a wide one below it (the chart grows). */
    private static Legend legend(ChartData data) {
        int shown = Math.min(ChartData.LEGEND_MAX, data.series().size());
        int chars = 0;
        for (int i = 0; i < shown; i++) {
            chars = Math.max(chars, data.series().get(i).label().length());
        }
        if (shown <= 3 && chars * shown < 90) {
            return Legend.ROW;
        }
        return chars <= 34 ? Legend.BESIDE : Legend.BELOW;
    }

    /**
     * The standard height, plus a line per entry of a legend stacked below the plot, plus what long
     * slanted category labels take beyond a short one's room (about 7 px a character, at 45 degrees).
     */
    private static int height(ChartData data) {
        int h = legend(data) == Legend.BELOW ? HEIGHT + 22 * Math.min(ChartData.LEGEND_MAX, data.series().size()) : HEIGHT;
        int chars = longestCategory(data);
        return chars > 16 ? h + (int) ((chars - 16) * 7 * Math.sin(Math.PI / 4)) : h;
    }

    private static int longestCategory(ChartData data) {
        return data.categories().stream().mapToInt(c -> AxisValues.label(c).length()).max().orElse(0);
    }

    /** The largest magnitude on an axis (x: point positions; y: values, interval ends, references). */
    /**
     * A log axis labels its decades and the ends of the data: XChart's default pattern rounds those
     * to one digit (1.64e6 read "2E6"), so keep three significant digits, plainly written when the
     * axis holds no value below 1e-4 ("0.001", "1,640,000"), else in E notation.
     */
    static String logPattern(ChartData data, boolean x) {
        double min = Double.POSITIVE_INFINITY;
        for (ChartData.Series s : data.series()) {
            for (ChartData.Point p : s.points()) {
                double v = x ? p.x() : p.y();
                if (Double.isFinite(v) && v > 0) {
                    min = Math.min(min, v);
                }
            }
        }
        return min >= 1e-4 ? "#,##0.####" : "0.##E0";
    }

    private static double maxAbs(ChartData data, boolean x) {
        double m = 0;
        for (ChartData.Series s : data.series()) {
            for (ChartData.Point p : s.points()) {
                double[] vs = x ? new double[] {p.x()} : new double[] {p.y(), p.ciLow(), p.ciHigh()};
                for (double v : vs) {
                    if (Double.isFinite(v)) {
                        m = Math.max(m, Math.abs(v));
                    }
                }
            }
        }
        return m;
    }

    private static void style(AxesChartStyler s, ChartData data) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setErrorBarsColorSeriesColor(true);
        s.setAxisTitlesVisible(true);
        s.setPlotGridLinesStroke(new BasicStroke(0.5f));
    }

    /** Writes {@code base}.png, and {@code base}.svg when asked. */
    public static List<Path> write(Chart<?, ?> chart, Path base, boolean svg) throws IOException {
        List<Path> out = new ArrayList<>();
        BitmapEncoder.saveBitmap(chart, base.toString(), BitmapEncoder.BitmapFormat.PNG);
        out.add(Path.of(base + ".png"));
        if (svg) {
            VectorGraphicsEncoder.saveVectorGraphic(chart, base.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            out.add(Path.of(base + ".svg"));
        }
        return out;
    }

    /** The chart as an SVG document's text. */
    public static String svg(Chart<?, ?> chart) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, b, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return b.toString(StandardCharsets.UTF_8);
    }
}
