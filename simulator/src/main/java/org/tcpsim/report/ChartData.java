package org.tcpsim.report;

import java.util.List;

/**
 * What a chart draws, independent of how: its titles, axes and series of points, each point with
 * its 95 % interval when several seeds stand behind it. `plot` renders it as PNG/SVG; the report
 * renders it as inline SVG and lists the same points in a table.
 *
 * @param categories bar charts: x values in order; line charts: empty
 * @param note       what the reader should know that the picture cannot say (lines left out of the legend), or ""
 */
public record ChartData(String title, String xTitle, String yTitle, Unit xUnit, Unit yUnit, boolean bars,
                        boolean logX, boolean logY, boolean yFromZero, List<String> categories, List<Series> series,
                        String note) {
    /** Legend entries shown at most; further lines are drawn but not named (the note says how many). */
    public static final int LEGEND_MAX = 10;

    /**
     * @param reference theory drawn beside the measurements (dashed, no intervals)
     */
    public record Series(String label, boolean reference, List<Point> points) {
    }

    /**
     * One drawn value.
     *
     * @param xText  the x value as written in the CSV (a category for bar charts)
     * @param x      its number on a numeric axis (NaN for a category)
     * @param y      the mean over seeds (or the one value)
     * @param ciLow  lower end of the 95 % interval (Student t) over n seeds, NaN with one seed
     * @param n      seeds behind the value
     */
    public record Point(String xText, double x, double y, double ciLow, double ciHigh, int n) {
        public boolean hasInterval() {
            return n > 1 && Double.isFinite(ciLow) && Double.isFinite(ciHigh);
        }
    }

    /** True when some point carries an interval. */
    public boolean hasIntervals() {
        return series.stream().anyMatch(s -> s.points().stream().anyMatch(Point::hasInterval));
    }
}
