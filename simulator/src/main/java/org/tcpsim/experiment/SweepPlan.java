package org.tcpsim.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tcpsim.config.ConfigException;
import org.tcpsim.config.ConfigProblem;
import org.tcpsim.config.JsonPointers;

/**
 * The run matrix of a sweep: the product of the swept values (first pointer varying slowest),
 * each point repeated over its seeds, in a stable order with stable ids ("p03-s2"). Every point
 * is validated before anything runs.
 */
public final class SweepPlan {
    private final List<RunSpec> runs;
    private final List<String> pointers;

    private SweepPlan(List<RunSpec> runs, List<String> pointers) {
        this.runs = runs;
        this.pointers = pointers;
    }

    public static SweepPlan of(ExperimentFile file) throws ConfigException {
        return of(file, Map.of(), "");
    }

    /**
     * The sweep with {@code base} (--set values, none of them swept) applied to every point, run
     * ids prefixed with {@code idPrefix}.
     */
    public static SweepPlan of(ExperimentFile file, Map<String, JsonNode> base, String idPrefix) throws ConfigException {
        List<String> pointers = file.sweepPointers();
        List<Map<String, JsonNode>> points = product(file.sweep(), pointers);
        int width = Integer.toString(Math.max(0, points.size() - 1)).length();
        List<RunSpec> runs = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (int p = 0; p < points.size(); p++) {
            Map<String, JsonNode> point = points.get(p);
            Map<String, JsonNode> applied = new LinkedHashMap<>(base);
            applied.putAll(point);
            try {
                Experiment e = file.resolve(applied);
                for (long seed : e.seeds()) {
                    String id = idPrefix + "p" + pad(p, width) + "-s" + seed;
                    runs.add(new RunSpec(id, p, seed, point, applied, e));
                }
            } catch (ConfigException e) {
                for (ConfigProblem cp : e.problems()) {
                    problems.add(relocate(file, cp, point, p));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new SweepPlan(List.copyOf(runs), pointers);
    }

    public List<RunSpec> runs() {
        return runs;
    }

    public List<String> pointers() {
        return pointers;
    }

    /** The runs of shard {@code index} (1-based) of {@code count}: every count-th run, a deterministic subset. */
    public List<RunSpec> shard(int index, int count) {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard must be I/N with 1 <= I <= N, got " + index + "/" + count);
        }
        List<RunSpec> out = new ArrayList<>();
        for (int i = index - 1; i < runs.size(); i += count) {
            out.add(runs.get(i));
        }
        return out;
    }

    /** A problem under a swept pointer is shown at the sweep entry (where the bad value is written), not at the base value. */
    private static ConfigProblem relocate(ExperimentFile file, ConfigProblem cp, Map<String, JsonNode> point, int p) {
        String message = cp.message() + " (in sweep point " + p + ": " + describe(point) + ")";
        for (String pointer : point.keySet()) {
            boolean under = cp.file().equals(file.file())
                    && (cp.pointer().equals(pointer) || cp.pointer().startsWith(pointer + "/"));
            if (under) {
                int[] at = file.locateSweepEntry(pointer);
                return new ConfigProblem(cp.file(), JsonPointers.child("/sweep", pointer), at[0], at[1],
                        "value " + point.get(pointer) + " for " + pointer + ": " + message);
            }
        }
        return new ConfigProblem(cp.file(), cp.pointer(), cp.line(), cp.column(), message);
    }

    private static List<Map<String, JsonNode>> product(Map<String, List<JsonNode>> sweep, List<String> pointers) {
        List<Map<String, JsonNode>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (String pointer : pointers) {
            List<Map<String, JsonNode>> next = new ArrayList<>();
            for (Map<String, JsonNode> partial : points) {
                for (JsonNode v : sweep.get(pointer)) {
                    Map<String, JsonNode> m = new LinkedHashMap<>(partial);
                    m.put(pointer, v);
                    next.add(m);
                }
            }
            points = next;
        }
        return points;
    }

    private static String pad(int n, int width) {
        StringBuilder s = new StringBuilder(Integer.toString(n));
        while (s.length() < width) {
            s.insert(0, '0');
        }
        return s.toString();
    }

    static String describe(Map<String, JsonNode> point) {
        StringBuilder s = new StringBuilder();
        point.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return s.length() == 0 ? "no swept values" : s.toString();
    }
}
