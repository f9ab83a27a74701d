package org.tcpsim.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Rebuilds {@code summary.csv} (one row per run) and {@code aggregate.csv} (one row per sweep
 * point and metric) from the {@code run.json} of every complete run directory. The output
 * depends only on the set of complete runs, not on the order they finished in or on which
 * worker or shard produced them, and replaces the previous files atomically.
 */
public final class SummaryFiles {
    public static final String SUMMARY = "summary.csv";
    public static final String AGGREGATE = "aggregate.csv";

    /** Stable run order: sweep point, then seed, then run id. */
    public static final Comparator<RunRecord> ORDER = Comparator.comparingInt(RunRecord::getPointIndex)
            .thenComparingLong(RunRecord::getSeed)
            .thenComparing(RunRecord::getRunId);

    private SummaryFiles() {}

    /**
     * Reads all complete runs under {@code experimentOut} and rewrites the summary files.
     * {@code aggregate.csv} is written when something is swept or several seeds ran, and
     * removed otherwise.
     *
     * @param sweepPointers the swept JSON Pointers, in sweep order
     */
    public static void rebuild(Path experimentOut, List<String> sweepPointers) throws IOException {
        rebuild(experimentOut, SummaryScope.everything(sweepPointers));
    }

    /**
     * Rewrites summary.csv and aggregate.csv with the complete runs {@code scope} lists (stale and
     * other runs stay on disk, unlisted), and summary.json saying what they hold. aggregate.csv is
     * written for a sweep or several seeds (not for one `run` of one seed).
     */
    public static void rebuild(Path experimentOut, SummaryScope scope) throws IOException {
        List<RunRecord> runs = new ArrayList<>(readCompleteRuns(experimentOut));
        runs.removeIf(scope.negate());
        List<ParamColumn> params = paramColumns(scope, runs);
        List<String> paramNames = new ArrayList<>();
        for (ParamColumn c : params) paramNames.add(c.name());
        List<String> metrics = metricColumns(runs);
        metrics.removeAll(paramNames);
        if (!scope.counters().isEmpty()) {
            List<Map<String, Double>> counters = new ArrayList<>();
            for (RunRecord r : runs) counters.add(CounterColumns.read(experimentOut.resolve(r.getRunId())));
            List<String> columns = CounterColumns.columns(scope.counters(), counters);
            columns.removeAll(metrics);
            columns.removeAll(paramNames);
            for (int i = 0; i < runs.size(); i++) {
                for (String c : columns) {
                    Double v = counters.get(i).get(c);
                    if (v != null) runs.get(i).getMetrics().put(c, v); // this rebuild's copy of the record only
                }
            }
            metrics.addAll(columns);
        }

        List<String> header = new ArrayList<>(List.of("run_id", "seed"));
        header.addAll(paramNames);
        header.addAll(metrics);
        writeAtomically(experimentOut, SUMMARY, header, w -> {
            for (RunRecord r : runs) {
                w.text(r.getRunId()).integer(r.getSeed());
                for (ParamColumn c : params) w.text(c.cell(r));
                for (String m : metrics) {
                    Double v = r.getMetrics().get(m);
                    if (v == null) w.empty();
                    else w.real(v);
                }
                w.endRow();
            }
        });
        scope.write(experimentOut, paramNames);

        Set<Long> seeds = new HashSet<>();
        for (RunRecord r : runs) seeds.add(r.getSeed());
        boolean swept = !scope.sweptPointers().isEmpty() && !"run".equals(scope.command());
        if (!swept && seeds.size() < 2) {
            Files.deleteIfExists(experimentOut.resolve(AGGREGATE));
            return;
        }
        List<String> aggHeader = new ArrayList<>(paramNames);
        aggHeader.addAll(List.of("metric", "n", "mean", "stddev", "ci95_low", "ci95_high"));
        writeAtomically(experimentOut, AGGREGATE, aggHeader, w -> writeAggregate(w, runs, params, metrics));
    }

    /**
     * A parameter column: the value of a swept or --set pointer, or one scalar leaf of an object
     * value ("loss.p" of a swept loss model).
     */
    private record ParamColumn(String name, String pointer, String leaf) {
        String cell(RunRecord r) {
            JsonNode v = value(r, pointer);
            return leaf == null ? ParamColumns.cell(v) : ParamColumns.cell(ParamColumns.leaves(v).get(leaf));
        }
    }

    /** A run's value of a parameter: as swept (params), else as --set (overrides). */
    private static JsonNode value(RunRecord r, String pointer) {
        JsonNode v = r.getParams().get(pointer);
        return v != null ? v : r.getOverrides().get(pointer);
    }

    /** Each pointer's column, followed by one per leaf of its object values (in order of appearance). */
    private static List<ParamColumn> paramColumns(SummaryScope scope, List<RunRecord> runs) {
        List<String> pointers = scope.columnPointers();
        List<String> names = ParamColumns.names(scope.sweptPointers(), scope.setPointers());
        Set<String> taken = new HashSet<>(names);
        taken.addAll(ParamColumns.RESERVED);
        List<ParamColumn> out = new ArrayList<>();
        for (int i = 0; i < pointers.size(); i++) {
            String p = pointers.get(i);
            out.add(new ParamColumn(names.get(i), p, null));
            Set<String> leaves = new LinkedHashSet<>();
            for (RunRecord r : runs) leaves.addAll(ParamColumns.leaves(value(r, p)).keySet());
            for (String leaf : leaves) {
                String name = names.get(i) + "." + leaf;
                if (taken.add(name)) out.add(new ParamColumn(name, p, leaf));
            }
        }
        return out;
    }

    /** Summary column names of swept pointers: the shortest unique suffix of their segments. */
    public static List<String> paramColumnNames(List<String> pointers) {
        return ParamColumns.names(pointers);
    }

    /** Every complete run under {@code experimentOut}, in {@link #ORDER}. */
    public static List<RunRecord> readCompleteRuns(Path experimentOut) throws IOException {
        List<RunRecord> runs = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(experimentOut)) {
            for (Path d : dir) {
                String name = d.getFileName().toString();
                Path json = d.resolve(RunRecord.FILE_NAME);
                if (name.startsWith(".") || !Files.isDirectory(d) || !Files.isRegularFile(json)) continue;
                RunRecord r = RunRecord.read(json);
                if (r.getRunId() == null) r.setRunId(name);
                runs.add(r);
            }
        }
        runs.sort(ORDER);
        return runs;
    }

    /** Metric names of the first run in order, then all others sorted. */
    static List<String> metricColumns(List<RunRecord> runs) {
        Set<String> first = new LinkedHashSet<>();
        if (!runs.isEmpty()) first.addAll(runs.get(0).getMetrics().keySet());
        Set<String> others = new TreeSet<>();
        for (RunRecord r : runs) {
            for (String m : r.getMetrics().keySet()) if (!first.contains(m)) others.add(m);
        }
        List<String> out = new ArrayList<>(first);
        out.addAll(others);
        return out;
    }

    private static void writeAggregate(CsvWriter w, List<RunRecord> runs, List<ParamColumn> params,
                                       List<String> metrics) {
        // Group by sweep point (and its parameter values, in case an edited experiment reused an index).
        Map<List<Object>, List<RunRecord>> groups = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            Object[] key = new Object[params.size() + 1];
            key[0] = r.getPointIndex();
            for (int i = 0; i < params.size(); i++) key[i + 1] = params.get(i).cell(r);
            groups.computeIfAbsent(Arrays.asList(key), k -> new ArrayList<>()).add(r);
        }
        SampleStats stats = new SampleStats();
        double[] values = new double[runs.size()];
        for (Map.Entry<List<Object>, List<RunRecord>> g : groups.entrySet()) {
            for (String m : metrics) {
                int n = 0;
                for (RunRecord r : g.getValue()) {
                    Double v = r.getMetrics().get(m);
                    if (v != null && !v.isNaN()) values[n++] = v;
                }
                SampleStats.Summary s = stats.of(values, n);
                List<Object> key = g.getKey();
                for (int i = 1; i < key.size(); i++) w.text((String) key.get(i));
                w.text(m).integer(s.n).real(s.mean).real(s.stddev).real(s.ciLow).real(s.ciHigh);
                w.endRow();
            }
        }
    }

    private interface Rows {
        void write(CsvWriter w) throws IOException;
    }

    /** Writes a hidden temporary file beside the target, then renames it over the target. */
    private static void writeAtomically(Path dir, String name, List<String> header, Rows rows) throws IOException {
        Path tmp = dir.resolve("." + name + "." + UUID.randomUUID() + ".tmp");
        try {
            try (CsvWriter w = new CsvWriter(tmp, header)) {
                rows.write(w);
            }
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
