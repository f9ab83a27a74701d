package org.tcpsim.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tcpsim.config.ConfigException;
import org.tcpsim.config.ConfigNode;
import org.tcpsim.config.ConfigProblem;
import org.tcpsim.config.JsonPointers;
import org.tcpsim.config.LocatedDocument;
import org.tcpsim.config.Problems;
import org.tcpsim.plugin.PluginRegistry;

/**
 * An experiment file as loaded from disk: its JSON (with the topology file, if it names one),
 * its sweep, and the means to resolve any point of the sweep into a validated {@link Experiment}.
 */
public final class ExperimentFile {
    /** Pointers a sweep or --set may not change: they name the output or define the sweep itself. */
    private static final List<String> FROZEN = List.of("/name", "/sweep", "/seeds");
    /** Most swept pointers, points (product of their value counts) and runs (points x seeds) of one experiment. */
    public static final int MAX_SWEPT = 64;
    public static final int MAX_POINTS = 1000;
    public static final int MAX_RUNS = 100_000;

    private final LocatedDocument doc;
    private final LocatedDocument topologyDoc;
    private final Map<String, List<JsonNode>> sweep;
    private final PluginRegistry plugins;
    /** The base configuration as {@link #load} resolved it to validate the file; null if it had problems. */
    private Experiment base;

    private ExperimentFile(LocatedDocument doc, LocatedDocument topologyDoc, Map<String, List<JsonNode>> sweep,
                           PluginRegistry plugins) {
        this.doc = doc;
        this.topologyDoc = topologyDoc;
        this.sweep = sweep;
        this.plugins = plugins;
    }

    /** Loads and validates the file with the simulator's own plugins only. */
    public static ExperimentFile load(Path file) throws ConfigException {
        return load(file, PluginRegistry.builtin());
    }

    /**
     * Loads and validates the file and its base configuration (the experiment without sweep
     * values); every point of the sweep is read with the same {@code plugins}.
     */
    public static ExperimentFile load(Path file, PluginRegistry plugins) throws ConfigException {
        LocatedDocument doc = LocatedDocument.parse(file);
        Problems problems = new Problems();
        if (!doc.root().isObject()) {
            throw ConfigException.of(doc.problemAt("", "expected an experiment object {\"name\": ..., ...}"));
        }
        LocatedDocument topologyDoc = null;
        JsonNode topo = doc.root().get("topology");
        if (topo != null && topo.isTextual()) {
            try {
                topologyDoc = LocatedDocument.parse(doc.baseDir().resolve(topo.asText()));
            } catch (InvalidPathException e) {
                problems.add(doc.problemAt("/topology", "cannot use topology file \"" + topo.asText()
                        + "\": not a usable file path (" + e.getReason() + ")"));
                problems.throwIfAny();
            } catch (ConfigException e) {
                problems.add(doc.problemAt("/topology", "cannot use topology file \"" + topo.asText() + "\":"));
                problems.addAll(e);
                problems.throwIfAny();
            }
        }
        Map<String, List<JsonNode>> sweep = readSweep(ConfigNode.root(doc, problems));
        if (!checkSweepSize(doc, sweep, problems)) {
            problems.throwIfAny(); // never expand a sweep too large to run: each point would be resolved and kept
        }
        checkSweepTargets(doc, topologyDoc, sweep, problems);
        ExperimentFile loaded = new ExperimentFile(doc, topologyDoc, sweep, plugins);
        try {
            loaded.base = loaded.resolve(Map.of());
        } catch (ConfigException e) {
            problems.addAll(e); // report the sweep's problems and the base configuration's together
        }
        problems.throwIfAny();
        return loaded;
    }

    private static Map<String, List<JsonNode>> readSweep(ConfigNode root) {
        Map<String, List<JsonNode>> sweep = new LinkedHashMap<>();
        ConfigNode node = root.optObject("sweep");
        if (node.isMissing()) {
            return sweep;
        }
        for (Map.Entry<String, ConfigNode> e : node.entries().entrySet()) {
            String pointer = e.getKey();
            String bad = checkPointer(pointer);
            if (bad != null) {
                e.getValue().problem(bad);
                continue;
            }
            JsonNode values = e.getValue().json();
            if (!values.isArray() || values.isEmpty()) {
                e.getValue().problem("expected a non-empty array of values to sweep over");
                continue;
            }
            List<JsonNode> list = new ArrayList<>();
            values.forEach(list::add);
            sweep.put(pointer, List.copyOf(list));
        }
        return sweep;
    }

    /**
     * A sweep small enough to validate and run: at most {@link #MAX_SWEPT} pointers, {@link #MAX_POINTS} points
     * and {@link #MAX_RUNS} runs (points x seeds). Counted from the list sizes, never by expanding them.
     */
    private static boolean checkSweepSize(LocatedDocument doc, Map<String, List<JsonNode>> sweep, Problems problems) {
        if (sweep.size() > MAX_SWEPT) {
            problems.add(doc.problemAt("/sweep", "the sweep names " + sweep.size() + " pointers; at most " + MAX_SWEPT));
            return false;
        }
        BigInteger points = BigInteger.ONE;
        StringBuilder product = new StringBuilder();
        for (List<JsonNode> values : sweep.values()) {
            points = points.multiply(BigInteger.valueOf(values.size()));
            product.append(product.length() == 0 ? "" : " x ").append(values.size());
        }
        JsonNode seeds = doc.root().path("seeds");
        long seedCount = seeds.isArray() ? Math.max(1, seeds.size()) : 1;
        BigInteger runs = points.multiply(BigInteger.valueOf(seedCount));
        if (points.compareTo(BigInteger.valueOf(MAX_POINTS)) > 0) {
            problems.add(doc.problemAt("/sweep", "the sweep has " + points + " points (" + product + " values); at most "
                    + MAX_POINTS + " per experiment: sweep fewer values, or split it into several experiments"));
            return false;
        }
        if (runs.compareTo(BigInteger.valueOf(MAX_RUNS)) > 0) {
            problems.add(doc.problemAt(seeds.isArray() ? "/seeds" : "/sweep", (sweep.isEmpty() ? seedCount + " seeds"
                    : "the sweep has " + points + " points x " + seedCount + " seeds = " + runs + " runs")
                    + "; at most " + MAX_RUNS + " runs per experiment"));
            return false;
        }
        return true;
    }

    /** Every swept pointer must land in the experiment (an array index that exists, a parent that is an object). */
    private static void checkSweepTargets(LocatedDocument doc, LocatedDocument topologyDoc,
                                          Map<String, List<JsonNode>> sweep, Problems problems) {
        for (Map.Entry<String, List<JsonNode>> e : sweep.entrySet()) {
            ObjectNode copy = combined(doc, topologyDoc);
            try {
                JsonPointers.set(copy, e.getKey(), e.getValue().get(0).deepCopy());
            } catch (IllegalArgumentException ex) {
                problems.add(doc.problemAt(JsonPointers.child("/sweep", e.getKey()),
                        "this pointer does not lead into the experiment: " + ex.getMessage()));
            }
        }
    }

    /** The experiment's JSON with a topology file inlined at /topology. */
    private static ObjectNode combined(LocatedDocument doc, LocatedDocument topologyDoc) {
        ObjectNode combined = doc.root().deepCopy();
        if (topologyDoc != null) {
            combined.set("topology", topologyDoc.root().deepCopy());
        }
        return combined;
    }

    /** Where a swept pointer is written in the file, to point at it when one of its values is bad. */
    public int[] locateSweepEntry(String pointer) {
        return doc.locateKey(JsonPointers.child("/sweep", pointer));
    }

    /** Null if the pointer may be swept or --set, else why not. */
    public static String checkPointer(String pointer) {
        try {
            JsonPointers.split(pointer);
        } catch (IllegalArgumentException e) {
            return "not a JSON Pointer (RFC 6901): " + e.getMessage();
        }
        if (pointer.isEmpty()) {
            return "the empty pointer would replace the whole experiment";
        }
        for (String frozen : FROZEN) {
            if (pointer.equals(frozen) || pointer.startsWith(frozen + "/")) {
                return "\"" + frozen + "\" cannot be swept or overridden";
            }
        }
        return null;
    }

    /** The experiment file as parsed, with its locations. */
    LocatedDocument document() {
        return doc;
    }

    public String name() {
        return doc.root().path("name").asText();
    }

    public String file() {
        return doc.file();
    }

    /** Swept pointers in the order the file lists them (the first varies slowest). */
    public List<String> sweepPointers() {
        return List.copyOf(sweep.keySet());
    }

    public Map<String, List<JsonNode>> sweep() {
        return sweep;
    }

    /**
     * The experiment with {@code overrides} (pointer -> value) applied to a copy of the file's JSON;
     * throws with every problem found, each located in the file it comes from.
     */
    public Experiment resolve(Map<String, JsonNode> overrides) throws ConfigException {
        if (overrides.isEmpty() && base != null) {
            return base; // resolved by load; reading a 10 000-flow file again took half a second
        }
        ObjectNode combined = combined(doc, topologyDoc);
        Problems problems = new Problems();
        for (Map.Entry<String, JsonNode> o : overrides.entrySet()) {
            String bad = checkPointer(o.getKey());
            try {
                if (bad != null) {
                    throw new IllegalArgumentException(bad);
                }
                JsonPointers.set(combined, o.getKey(), o.getValue().deepCopy());
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(doc.file(), o.getKey(), 0, 0, "cannot set " + o.getKey() + " = "
                        + o.getValue() + ": " + e.getMessage()));
            }
        }
        problems.throwIfAny();
        ConfigNode root = ConfigNode.root(doc.withRoot(combined), problems);
        ConfigNode topology = topologyDoc == null
                ? root.get("topology")
                : ConfigNode.root(topologyDoc.withRoot(combined.get("topology")), problems);
        if (topologyDoc == null && !topology.isMissing() && !topology.isObject()) {
            topology.problem("expected a topology object {\"nodes\": [...], \"links\": [...]} or a path to a topology file");
            problems.throwIfAny();
        }
        Experiment experiment = ExperimentReader.read(root, topology, plugins);
        problems.throwIfAny();
        return experiment;
    }
}
