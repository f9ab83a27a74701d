package org.tcpsim.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What {@code summary.csv} holds: the runs of one invocation, never a mix. A {@code sweep} (or
 * {@code merge}) lists the runs of its whole plan (every shard's), a {@code run} the runs it made;
 * a finished run is listed only if its fingerprint is the one the experiment file, as it stood
 * for that invocation, gives. Older results stay on disk under their own ids, unlisted.
 * Written beside the summary as {@code summary.json}, so `plot` and `report` know what they draw
 * and which experiment file it came from.
 *
 * @param command        "run" or "sweep"
 * @param experimentFile the experiment file as the command read it (absolute path)
 * @param set            the --set values of the invocation, pointer -> value
 * @param sweptPointers  the experiment's swept pointers (summary columns, in sweep order)
 * @param setPointers    --set pointers that are not swept (summary columns after the swept ones)
 * @param fingerprints   run id -> fingerprint of every run of the invocation, in plan order
 * @param counters       the experiment's "summary_counters": "HOST:COUNTER" or "HOST:*"
 */
public record SummaryScope(String command, String experimentFile, Map<String, JsonNode> set,
                           List<String> sweptPointers, List<String> setPointers,
                           Map<String, String> fingerprints, List<String> counters) implements Predicate<RunRecord> {
    public static final String FILE_NAME = "summary.json";

    public SummaryScope {
        set = Map.copyOf(new LinkedHashMap<>(set));
        sweptPointers = List.copyOf(sweptPointers);
        setPointers = List.copyOf(setPointers);
        counters = List.copyOf(counters);
        fingerprints = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fingerprints));
    }

    /** Every run that is complete, whatever its fingerprint (for tests and tools that list everything). */
    public static SummaryScope everything(List<String> sweptPointers) {
        return new SummaryScope(null, null, Map.of(), sweptPointers, List.of(), Map.of(), List.of());
    }

    /** Swept pointers, then the --set pointers: the parameter columns of summary.csv and aggregate.csv. */
    public List<String> columnPointers() {
        List<String> all = new ArrayList<>(sweptPointers);
        all.addAll(setPointers);
        return all;
    }

    /** Listed: one of this invocation's runs, made from the same configuration (an empty scope lists all). */
    @Override
    public boolean test(RunRecord r) {
        if (command == null) {
            return true;
        }
        String fp = fingerprints.get(r.getRunId());
        return fp != null && fp.equals(r.getFingerprint());
    }

    /** Writes summary.json into {@code experimentOut} (nothing for {@link #everything}). */
    void write(Path experimentOut, List<String> paramColumns) throws IOException {
        if (command == null) {
            return;
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("command", command);
        o.put("experiment_file", experimentFile);
        ObjectNode s = o.putObject("set");
        set.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> s.set(e.getKey(), e.getValue()));
        sweptPointers.forEach(o.putArray("swept")::add);
        setPointers.forEach(o.putArray("set_pointers")::add);
        paramColumns.forEach(o.putArray("param_columns")::add);
        counters.forEach(o.putArray("summary_counters")::add);
        fingerprints.keySet().forEach(o.putArray("runs")::add);
        Path tmp = experimentOut.resolve("." + FILE_NAME + ".tmp");
        Files.writeString(tmp, Json.PRETTY.writeValueAsString(o) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, experimentOut.resolve(FILE_NAME), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** What summary.json says, or null if there is none (results of an older tcpsim) or it cannot be read. */
    public static Recorded read(Path experimentOut) {
        Path file = experimentOut.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode o = Json.MAPPER.readTree(file.toFile());
            List<String> runs = new ArrayList<>();
            o.path("runs").forEach(n -> runs.add(n.asText()));
            Map<String, JsonNode> set = new LinkedHashMap<>();
            o.path("set").properties().forEach(e -> set.put(e.getKey(), e.getValue()));
            List<String> columns = new ArrayList<>();
            o.path("param_columns").forEach(n -> columns.add(n.asText()));
            return new Recorded(o.path("command").asText(), o.path("experiment_file").asText(null), set, columns, runs);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The content of a summary.json: which command made the summary, from which file, with which --set values. */
    public record Recorded(String command, String experimentFile, Map<String, JsonNode> set,
                           List<String> paramColumns, List<String> runs) {
        /** "sweep of FILE with --set /a=1 (8 runs)" for messages and the report. */
        public String describe() {
            StringBuilder b = new StringBuilder("tcpsim ").append(command);
            set.forEach((k, v) -> b.append(" --set ").append(k).append('=').append(v.isTextual() ? v.asText() : v));
            return b.append(" (").append(runs.size()).append(runs.size() == 1 ? " run)" : " runs)").toString();
        }
    }
}
