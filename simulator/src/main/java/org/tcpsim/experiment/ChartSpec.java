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
 * @param bars   summary: bars per x value ("kind": "bar") rather than lines
 * @param where  summary: only rows whose columns have these values (as written in summary.csv)
 * @param references theory drawn beside the measurements, e.g. Mathis's curve or the BDP limit
 */
public record ChartSpec(String source, String x, List<String> y, String series, String host, String title,
                        String yTitle, boolean bars, boolean logX, boolean logY, Map<String, String> where,
                        List<Reference> references) {
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
        c.optString("y_title", "");
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
                c.path("title").asText(""), c.path("y_title").asText(""), "bar".equals(c.path("kind").asText("line")),
                c.path("log_x").asBoolean(false), c.path("log_y").asBoolean(false), whereOf(c.path("where")),
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

    /** This chart with the command line's choices laid over it (null arguments keep the file's). */
    public ChartSpec with(String newSource, String newX, List<String> newY, String newSeries, String newHost) {
        return new ChartSpec(newSource != null ? newSource : source, newX != null ? newX : x,
                newY != null && !newY.isEmpty() ? List.copyOf(newY) : y, newSeries != null ? newSeries : series,
                newHost != null ? newHost : host, title, yTitle, bars, logX, logY, where, references);
    }
}
