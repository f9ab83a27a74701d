package org.tcpsim.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The content of a run's {@code run.json}: what was run (id, sweep point, seed, fingerprint,
 * swept parameter values), what it measured (metrics, in the order the model produced them),
 * and informational fields that may differ between machines (tool version, timings, heap,
 * start time, the resolved experiment).
 *
 * <p>JSON has no NaN or infinity: a NaN metric is written as {@code null}, infinities as the
 * strings {@code "inf"} / {@code "-inf"}; reading maps them back. Unknown fields are ignored.
 */
public final class RunRecord {
    /** File name of the record inside a run directory. */
    public static final String FILE_NAME = "run.json";

    private String runId;
    private int pointIndex = -1;
    private long seed;
    private String fingerprint;
    private LinkedHashMap<String, JsonNode> params = new LinkedHashMap<>();
    private LinkedHashMap<String, JsonNode> overrides = new LinkedHashMap<>();
    private LinkedHashMap<String, Double> metrics = new LinkedHashMap<>();
    private String toolVersion;
    private String startedAt;
    private double wallTimeSeconds = Double.NaN;
    private double simulatedSeconds = Double.NaN;
    private long eventsExecuted;
    private long peakHeapBytes;
    private JsonNode experiment;

    public String getRunId() { return runId; }
    public RunRecord setRunId(String runId) { this.runId = runId; return this; }
    /** Position of the sweep point in the stable sweep order; -1 for a plain {@code run}. */
    public int getPointIndex() { return pointIndex; }
    public RunRecord setPointIndex(int pointIndex) { this.pointIndex = pointIndex; return this; }
    public long getSeed() { return seed; }
    public RunRecord setSeed(long seed) { this.seed = seed; return this; }
    /** Hash of the resolved experiment and seed; decides whether a finished run may be skipped. */
    public String getFingerprint() { return fingerprint; }
    public RunRecord setFingerprint(String fingerprint) { this.fingerprint = fingerprint; return this; }
    /** Swept JSON Pointer -> value at this run, in sweep order (live map). */
    public LinkedHashMap<String, JsonNode> getParams() { return params; }
    public RunRecord setParams(Map<String, JsonNode> params) { this.params = new LinkedHashMap<>(params); return this; }
    /** What was applied to the experiment file to get this run (sweep values or --set), pointer -> value. */
    public LinkedHashMap<String, JsonNode> getOverrides() { return overrides; }
    public RunRecord setOverrides(Map<String, JsonNode> overrides) { this.overrides = new LinkedHashMap<>(overrides); return this; }
    /** Metric name -> value, in the order the model produced them (live map; NaN allowed). */
    public LinkedHashMap<String, Double> getMetrics() { return metrics; }
    public RunRecord setMetrics(Map<String, Double> metrics) { this.metrics = new LinkedHashMap<>(metrics); return this; }
    public String getToolVersion() { return toolVersion; }
    public RunRecord setToolVersion(String toolVersion) { this.toolVersion = toolVersion; return this; }
    /** ISO-8601 start time. */
    public String getStartedAt() { return startedAt; }
    public RunRecord setStartedAt(String startedAt) { this.startedAt = startedAt; return this; }
    public double getWallTimeSeconds() { return wallTimeSeconds; }
    public RunRecord setWallTimeSeconds(double s) { this.wallTimeSeconds = s; return this; }
    public double getSimulatedSeconds() { return simulatedSeconds; }
    public RunRecord setSimulatedSeconds(double s) { this.simulatedSeconds = s; return this; }
    public long getEventsExecuted() { return eventsExecuted; }
    public RunRecord setEventsExecuted(long n) { this.eventsExecuted = n; return this; }
    public long getPeakHeapBytes() { return peakHeapBytes; }
    public RunRecord setPeakHeapBytes(long n) { this.peakHeapBytes = n; return this; }
    /** The resolved experiment JSON (informational). */
    public JsonNode getExperiment() { return experiment; }
    public RunRecord setExperiment(JsonNode experiment) { this.experiment = experiment; return this; }

    /** This record as a JSON tree, keys in a stable order. */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("runId", runId);
        o.put("pointIndex", pointIndex);
        o.put("seed", seed);
        o.put("fingerprint", fingerprint);
        ObjectNode p = o.putObject("params");
        params.forEach((k, v) -> p.set(k, v == null ? NullNode.instance : v));
        ObjectNode ov = o.putObject("overrides");
        overrides.forEach((k, v) -> ov.set(k, v == null ? NullNode.instance : v));
        ObjectNode m = o.putObject("metrics");
        metrics.forEach((k, v) -> m.set(k, number(v)));
        o.put("toolVersion", toolVersion);
        o.put("startedAt", startedAt);
        o.set("wallTimeSeconds", number(wallTimeSeconds));
        o.set("simulatedSeconds", number(simulatedSeconds));
        o.put("eventsExecuted", eventsExecuted);
        o.put("peakHeapBytes", peakHeapBytes);
        o.set("experiment", experiment == null ? NullNode.instance : experiment);
        return o;
    }

    /** Reads a record from a JSON tree, ignoring unknown fields. */
    public static RunRecord fromJson(JsonNode o) {
        if (o == null || !o.isObject()) throw new IllegalArgumentException("run record is not a JSON object");
        RunRecord r = new RunRecord();
        r.runId = text(o, "runId");
        r.pointIndex = o.path("pointIndex").asInt(-1);
        r.seed = o.path("seed").asLong();
        r.fingerprint = text(o, "fingerprint");
        for (Map.Entry<String, JsonNode> e : o.path("params").properties()) r.params.put(e.getKey(), e.getValue());
        for (Map.Entry<String, JsonNode> e : o.path("overrides").properties()) r.overrides.put(e.getKey(), e.getValue());
        for (Map.Entry<String, JsonNode> e : o.path("metrics").properties()) {
            r.metrics.put(e.getKey(), toDouble(e.getValue()));
        }
        r.toolVersion = text(o, "toolVersion");
        r.startedAt = text(o, "startedAt");
        r.wallTimeSeconds = toDouble(o.get("wallTimeSeconds"));
        r.simulatedSeconds = toDouble(o.get("simulatedSeconds"));
        r.eventsExecuted = o.path("eventsExecuted").asLong();
        r.peakHeapBytes = o.path("peakHeapBytes").asLong();
        JsonNode x = o.get("experiment");
        r.experiment = x == null || x.isNull() ? null : x;
        return r;
    }

    /** Writes the record pretty-printed (two-space indent, {@code "\n"}, trailing newline). */
    public void write(Path file) throws IOException {
        Files.writeString(file, Json.PRETTY.writeValueAsString(toJson()) + "\n", StandardCharsets.UTF_8);
    }

    /** Reads a record written by {@link #write} (or by a newer version with more fields). */
    public static RunRecord read(Path file) throws IOException {
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("cannot read run record " + file + ": " + e.getMessage(), e);
        }
        try {
            return fromJson(tree);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode number(Double v) {
        if (v == null || v.isNaN()) return NullNode.instance;
        if (v.isInfinite()) return JsonNodeFactory.instance.textNode(v > 0 ? "inf" : "-inf");
        return JsonNodeFactory.instance.numberNode(v);
    }

    private static double toDouble(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return Double.NaN;
        if (n.isNumber()) return n.doubleValue();
        if (n.isTextual()) {
            switch (n.textValue()) {
                case "inf": case "Infinity": case "+inf": return Double.POSITIVE_INFINITY;
                case "-inf": case "-Infinity": return Double.NEGATIVE_INFINITY;
                default: return Double.NaN;
            }
        }
        return Double.NaN;
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof RunRecord)) return false;
        RunRecord r = (RunRecord) other;
        return pointIndex == r.pointIndex && seed == r.seed && eventsExecuted == r.eventsExecuted
                && peakHeapBytes == r.peakHeapBytes
                && Double.compare(wallTimeSeconds, r.wallTimeSeconds) == 0
                && Double.compare(simulatedSeconds, r.simulatedSeconds) == 0
                && Objects.equals(runId, r.runId) && Objects.equals(fingerprint, r.fingerprint)
                && params.equals(r.params) && metrics.equals(r.metrics)
                && Objects.equals(toolVersion, r.toolVersion) && Objects.equals(startedAt, r.startedAt)
                && Objects.equals(experiment, r.experiment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(runId, pointIndex, seed, fingerprint, params, metrics);
    }

    @Override
    public String toString() {
        return "RunRecord[" + runId + ", point " + pointIndex + ", seed " + seed + "]";
    }
}
