package org.tcpsim.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tcpsim.config.ConfigNode;

/**
 * An experiment's default chart ("chart" in the experiment file), drawn by `tcpsim plot`:
 * from summary.csv (one point per sweep point, mean over seeds) or from timeseries.csv (one line
 * per run and metric).
 *
 * @param source "summary" or "timeseries"
 * @param x      summary: a column (usually a swept parameter); timeseries: ignored (time)
 * @param y      summary: metric columns; timeseries: metric names
 * @param series summary: a column whose values split the points into lines, or null
 * @param host   timeseries: only rows of this host, or null for every host
 * @param title  the chart's title; empty: made from the axes' meanings
 * @param xTitle the x axis title; empty: the column's meaning and unit
 * @param yTitle the y axis title; empty: the metrics' meaning and unit
 * @param bars   summary: bars per x value ("kind": "bar") rather than lines
 * @param yFromZero the y axis starts at 0 whatever the data (bars always do)
 * @param where  only rows (summary) or runs (timeseries) whose summary columns have these values
 * @param references theory drawn beside the measurements, e.g. Mathis's curve or the BDP limit
 */
public record ChartSpec(String source, String x, List<String> y, String series, String host, String title,
                        String xTitle, String yTitle, boolean bars, boolean logX, boolean logY, boolean yFromZero,
                        Map<String, String> where, List<Reference> references) {
    /** A labelled line of given points ("reference": [{"label", "x": [...], "y": [...]}]); x as text for bar charts. */
    public record Reference(String label, List<String> x, List<Double> y) {
    }

    public static final String SUMMARY = "summary";
    public static final String TIMESERIES = "timeseries";

    public boolean fromSummary() {
        return SUMMARY.equals(source);
    }

    /**
     * Checks a "chart" object, reporting every problem with its location; the values themselves
     * are taken by {@link #of} (the same code reads run.json at plot time).
     */
    static void check(ConfigNode c) {
        if (c.isMissing()) {
            return;
        }
        String source = c.optEnum("source", SUMMARY, SUMMARY, TIMESERIES);
        if (SUMMARY.equals(source)) {
            c.requireString("x");
        } else {
            c.optString("x", "t_s");
        }
        List<ConfigNode> y = c.requireArray("y");
        y.forEach(ConfigNode::asString);
        if (y.isEmpty() && c.has("y")) {
            c.problemAt("y", "expected at least one column or metric name");
        }
        for (String key : new String[] {"series", "host"}) {
            if (c.has(key)) {
                c.requireString(key);
            }
        }
        c.optString("title", "");
        c.optString("x_title", "");
        c.optString("y_title", "");
        c.optBool("y_from_zero", false);
        c.optEnum("kind", "line", "line", "bar");
        c.optBool("log_x", false);
        c.optBool("log_y", false);
        c.optObject("where").entries();
        for (ConfigNode r : c.optArray("reference")) {
            r.requireString("label");
            int xs = r.requireArray("x").size();
            List<ConfigNode> ys = r.requireArray("y");
            ys.forEach(v -> v.asDouble(-Double.MAX_VALUE, Double.MAX_VALUE));
            if (xs != ys.size()) {
                r.problemAt("y", "expected as many y values as x values (" + xs + "), got " + ys.size());
            }
            r.finish();
        }
        c.finish();
    }

    /** The same object from an already validated experiment (run.json); null when absent. */
    public static ChartSpec of(JsonNode c) {
        if (c == null || !c.isObject()) {
            return null;
        }
        List<String> y = new ArrayList<>();
        c.path("y").forEach(n -> y.add(n.asText()));
        String source = c.path("source").asText(SUMMARY);
        return new ChartSpec(source, c.path("x").asText(SUMMARY.equals(source) ? "" : "t_s"), List.copyOf(y),
                c.hasNonNull("series") ? c.get("series").asText() : null,
                c.hasNonNull("host") ? c.get("host").asText() : null,
                c.path("title").asText(""), c.path("x_title").asText(""), c.path("y_title").asText(""),
                "bar".equals(c.path("kind").asText("line")), c.path("log_x").asBoolean(false),
                c.path("log_y").asBoolean(false), c.path("y_from_zero").asBoolean(false), whereOf(c.path("where")),
                referencesOf(c.path("reference")));
    }

    private static List<Reference> referencesOf(JsonNode refs) {
        List<Reference> out = new ArrayList<>();
        for (JsonNode r : refs) {
            List<String> xs = new ArrayList<>();
            r.path("x").forEach(v -> xs.add(v.isTextual() ? v.asText() : v.toString()));
            List<Double> ys = new ArrayList<>();
            r.path("y").forEach(v -> ys.add(v.asDouble()));
            out.add(new Reference(r.path("label").asText(), List.copyOf(xs), List.copyOf(ys)));
        }
        return List.copyOf(out);
    }

    private static Map<String, String> whereOf(JsonNode w) {
        Map<String, String> out = new LinkedHashMap<>();
        w.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText()
                : e.getValue().toString()));
        return Map.copyOf(out);
    }

    /** A chart given only by the command line (the experiment names none). */
    public static ChartSpec bare(String source, String x, List<String> y) {
        return new ChartSpec(source == null ? SUMMARY : source, x, y == null ? List.of() : List.copyOf(y), null, null,
                "", "", "", false, false, false, false, Map.of(), List.of());
    }

    /**
     * This chart with the command line's choices laid over it. Replacing the source, x or y drops
     * what was written for the old data and no longer applies: the title, the where filter, the
     * theory references, and the replaced axis's title and log scale (a new source also drops
     * series, host and kind). Whatever {@code o} gives again is kept.
     */
    public ChartSpec with(Override o) {
        boolean newSource = o.source() != null && !o.source().equals(source);
        boolean newX = newSource || (o.x() != null && !o.x().equals(x));
        boolean newY = newSource || (o.y() != null && !o.y().isEmpty() && !o.y().equals(y));
        boolean replaced = newX || newY;
        return new ChartSpec(
                o.source() != null ? o.source() : source,
                o.x() != null ? o.x() : newSource ? null : x,
                o.y() != null && !o.y().isEmpty() ? List.copyOf(o.y()) : newSource ? List.of() : y,
                o.series() != null ? o.series() : newSource ? null : series,
                o.host() != null ? o.host() : newSource ? null : host,
                o.title() != null ? o.title() : replaced ? "" : title,
                o.xTitle() != null ? o.xTitle() : newX ? "" : xTitle,
                o.yTitle() != null ? o.yTitle() : newY ? "" : yTitle,
                !newSource && bars,
                !newX && logX,
                !newY && logY,
                o.yFromZero() || (!newY && yFromZero),
                o.where() != null ? Map.copyOf(o.where()) : replaced ? Map.of() : where,
                o.noReference() || replaced ? List.of() : references);
    }

    /**
     * The file's chart for runs made with {@code --set} values ({@code set} non-empty): its theory references
     * and y title were written for the file's own values (a "completed in 90 s" title, references computed
     * for its duration), so they are left out and the y title falls back to the column's meaning; plot's
     * --y-title gives one again. Without --set values, the chart as it is.
     */
    public ChartSpec forRunsMadeWith(Map<String, ?> set) {
        if (set == null || set.isEmpty() || (references.isEmpty() && (yTitle == null || yTitle.isEmpty()))) {
            return this;
        }
        return new ChartSpec(source, x, y, series, host, title, xTitle, "", bars, logX, logY, yFromZero, where,
                List.of());
    }

    /** What `tcpsim plot` options change; null (or false) leaves the chart's own. */
    public record Override(String source, String x, List<String> y, String series, String host, String title,
                           String xTitle, String yTitle, Map<String, String> where, boolean noReference,
                           boolean yFromZero) {
    }
}
