package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.tcpsim.config.Units;

/**
 * A mutation fuzzer over every shipped experiment and its topology file (issue 12, item 6). Seeded
 * structured mutations (a value tweaked or set to an edge value, removed, duplicated, renamed, copied from
 * elsewhere in the file or from another experiment, swept, an unknown key added) and byte-level ones
 * (truncated, a stray byte or quote) of experiments/*.json, and of topologies/*.json under an experiment
 * that points at one, go through {@code validate}; some of those that validate go through a short
 * {@code run}. Whatever the input:
 * <ul>
 * <li>validate exits 0 or 2, and 2 comes with FILE:LINE:COLUMN: at /json/pointer: messages; no stack
 *     trace or Java exception name; at most {@link #VALIDATE_CPU_S} s of CPU and {@link #VALIDATE_MB} MB
 *     allocated for any file (validation is fast and small);</li>
 * <li>a file that validates runs: exit 0 (the run cannot find what validation let through), a complete
 *     run directory and summary, simulated time that ends at the duration, no NaN or Infinity in a CSV,
 *     within a CPU bound; a failed command leaves no complete-looking run directory;</li>
 * <li>nothing is written outside --out (the sandbox holding the files and the working directory).</li>
 * </ul>
 * CI runs {@value #CI_MUTANTS} mutants and {@value #CI_RUNS} runs of {@value #CI_RUN_DURATION} (about
 * 45 s of CPU; 5 minutes of wall time on the shared 2-core machine at load 19). The full campaign is
 * {@code scripts/fuzz} (30 000 mutants, 700 runs of 2 s), or any size:
 * {@code -Dtcpsim.fuzz.mutants=N -Dtcpsim.fuzz.runs=N -Dtcpsim.fuzz.run-duration=2s -Dtcpsim.fuzz.seed=N}.
 * A failing mutant is kept in target/fuzz-findings/ with the command that shows it.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class MutationFuzzTest {
    static final int CI_MUTANTS = 3000;
    static final int CI_RUNS = 30;
    static final String CI_RUN_DURATION = "2s";
    /** Validation of any file, at most: seconds of CPU, MB allocated. */
    static final long VALIDATE_CPU_S = 5;
    static final long VALIDATE_MB = 1024;
    /** A run of a valid mutant, at most: seconds of CPU (a bound on work, not a speed target). */
    static final long RUN_CPU_S = Long.getLong("tcpsim.fuzz.run-cpu-s", 120);

    private static final long SEED = Long.getLong("tcpsim.fuzz.seed", 20261207L);
    private static final int MUTANTS = Integer.getInteger("tcpsim.fuzz.mutants", CI_MUTANTS);
    private static final int RUNS = Integer.getInteger("tcpsim.fuzz.runs", CI_RUNS);
    private static final String RUN_DURATION = System.getProperty("tcpsim.fuzz.run-duration", CI_RUN_DURATION);
    private static final Path REPO = Path.of("..");
    /** plugin-example.json uses the example plugin module's three plugins. */
    private static final String PLUGINS = "--plugins";
    private static final Path KEEP = Path.of("target", "fuzz-findings");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One mutant: the experiment file to validate and run, and the mutated topology file if any. */
    private record Mutant(Path experiment, Path topology, String what) {
    }

    @Test
    void mutantsOfEveryShippedExperimentAreRefusedWellOrRunWell(@TempDir Path tmp) throws IOException {
        Path sandbox = tmp.resolve("sandbox");
        Path experiments = sandbox.resolve("experiments");
        Path topologies = sandbox.resolve("topologies");
        copyTree(REPO.resolve("experiments"), experiments); // with traces/ that plugin-example reads
        copyTree(REPO.resolve("topologies"), topologies);
        List<Path> originals = jsonFiles(experiments);
        assertTrue(originals.size() >= 15, "every shipped experiment: " + originals);
        List<JsonNode> trees = new ArrayList<>();
        for (Path p : originals) {
            trees.add(JSON.readTree(p.toFile()));
        }
        Map<String, JsonNode> topologyTrees = new LinkedHashMap<>();
        for (Path p : jsonFiles(topologies)) {
            topologyTrees.put(p.getFileName().toString(), JSON.readTree(p.toFile()));
        }
        List<JsonNode> topologyDonors = new ArrayList<>(topologyTrees.values());
        for (JsonNode t : trees) {
            if (t.path("topology").isObject()) {
                topologyDonors.add(t.get("topology")); // inline topologies give their parts too
            }
        }
        Set<String> cwdBefore = FuzzChecks.listing(Path.of(""), Path.of("target"));
        Set<String> sandboxBefore = FuzzChecks.listing(sandbox, null);
        Path out = sandbox.resolve("out");

        List<FuzzChecks.Finding> findings = new ArrayList<>();
        Stats validate = new Stats();
        Stats runs = new Stats();
        int validated = 0;
        int topologyMutants = 0;
        int runEvery = Math.max(1, MUTANTS / Math.max(1, RUNS));
        long started = System.nanoTime();
        for (int i = 0; i < MUTANTS && findings.size() < 20; i++) {
            int which = i % trees.size();
            Mutator m = new Mutator(SEED * 1_000_003L + i, trees);
            Mutant mutant = mutant(i, trees.get(which), topologyTrees, topologyDonors, experiments, topologies, m);
            topologyMutants += mutant.topology() == null ? 0 : 1;
            String repro = "seed " + SEED + ", mutant " + i + " of " + originals.get(which).getFileName() + ": "
                    + mutant.what() + " " + m.log;
            int before = findings.size();
            try {
                List<String> args = new ArrayList<>(List.of(PLUGINS, ShippedExperimentsTest.examplePlugin(), "validate",
                        mutant.experiment().toString()));
                if (mutant.topology() != null) {
                    args.add(mutant.topology().toString());
                }
                FuzzChecks.Measured v = FuzzChecks.run(60, 600, args.toArray(String[]::new));
                validate.add(v.cost(), i);
                String how = "tcpsim " + String.join(" ", args) + " (" + repro + ")";
                FuzzChecks.check(v.result(), Set.of(0, 2), true, null, Set.of(), how, findings);
                if (v.cost().cpuNs() > VALIDATE_CPU_S * 1_000_000_000L || v.cost().allocatedBytes() > VALIDATE_MB << 20) {
                    findings.add(new FuzzChecks.Finding("validation took " + v.cost() + ", over " + VALIDATE_CPU_S
                            + " s CPU or " + VALIDATE_MB + " MB", how, ""));
                }
                if (v.result().status() == 0) {
                    validated++;
                    if (runs.count < RUNS && i / runEvery >= runs.count) {
                        runShort(mutant, out, repro, findings, runs, i);
                    }
                }
            } catch (FuzzChecks.Hung h) {
                findings.add(new FuzzChecks.Finding(h.getMessage(), repro, ""));
                keep(mutant);
                break; // the worker thread is lost: stop here
            }
            if (findings.size() > before) {
                keep(mutant);
            }
            Files.delete(mutant.experiment());
            if (mutant.topology() != null) {
                Files.delete(mutant.topology());
            }
            Set<String> now = FuzzChecks.listing(sandbox, out);
            if (!now.equals(sandboxBefore)) {
                findings.add(new FuzzChecks.Finding("wrote outside --out: " + diff(sandboxBefore, now), repro, ""));
                break;
            }
        }
        // for the CI log: how much was fuzzed and what it cost
        System.out.printf(Locale.ROOT, "mutation fuzz: seed %d, %d mutants (%d of a topology), %d valid, %d run of %s;"
                + " %.1f s wall%n  validate: %s%n  run: %s%n", SEED, MUTANTS, topologyMutants, validated, runs.count,
                RUN_DURATION, (System.nanoTime() - started) / 1e9, validate, runs);
        assertEquals(cwdBefore, FuzzChecks.listing(Path.of(""), Path.of("target")),
                "nothing written into the working directory");
        assertTrue(findings.isEmpty(), findings.size() + " findings in " + MUTANTS + " mutants (seed " + SEED
                + "; kept in " + KEEP.toAbsolutePath() + "):\n" + findings.stream().limit(10).map(Object::toString)
                .reduce("", (a, b) -> a + b + "\n"));
        // the fuzzer itself: enough mutants must get through validation for the runs to mean something
        assertTrue(validated >= MUTANTS / 20, "too few mutants were valid to say much about runs: " + validated);
        assertTrue(runs.count >= Math.min(RUNS, validated) / 2, "ran " + runs.count + " of " + RUNS);
    }

    /**
     * Mutant {@code i}: by {@code i % 20}, a byte-level edit of the experiment (9, 19) or of its topology
     * file (7), a structured mutation of its topology file (2, 12, 17), else of the experiment itself.
     * Experiments with an inline topology get an experiment mutation instead of a topology one.
     */
    private static Mutant mutant(int i, JsonNode tree, Map<String, JsonNode> topologyTrees, List<JsonNode> donors,
                                 Path experiments, Path topologies, Mutator m) throws IOException {
        Path exp = experiments.resolve("mutant-" + i + ".json");
        String ref = tree.path("topology").isTextual() ? tree.get("topology").asText() : "";
        JsonNode topology = topologyTrees.get(ref.startsWith("../topologies/") ? ref.substring(14) : "");
        int kind = i % 20;
        if (topology != null && (kind == 7 || kind == 2 || kind == 12 || kind == 17)) {
            Path topo = topologies.resolve("mutant-" + i + ".json");
            ObjectNode e = tree.deepCopy();
            e.put("topology", "../topologies/" + topo.getFileName());
            Files.write(exp, pretty(e));
            Mutator tm = new Mutator(m.seed() ^ 0x70b0L, donors);
            byte[] text = kind == 7 ? tm.mangle(pretty(topology)) : pretty(tm.mutate(topology));
            Files.write(topo, text);
            m.log.addAll(tm.log);
            return new Mutant(exp, topo, (kind == 7 ? "bytes of its topology " : "its topology ") + ref + ":");
        }
        boolean bytes = kind == 9 || kind == 19;
        Files.write(exp, bytes ? m.mangle(pretty(tree)) : pretty(m.mutate(tree)));
        return new Mutant(exp, null, bytes ? "bytes:" : "");
    }

    /** `run` of a valid mutant, cut to at most RUN_DURATION of simulated time, its first seed, a fresh --out. */
    private static void runShort(Mutant mutant, Path out, String repro, List<FuzzChecks.Finding> findings, Stats runs,
                                 int i) throws IOException {
        FuzzChecks.delete(out);
        JsonNode tree = JSON.readTree(mutant.experiment().toFile());
        long seed = tree.path("seeds").path(0).asLong(1);
        String duration = RUN_DURATION;
        long durationNs = Units.parseDurationNs(RUN_DURATION);
        try {
            long own = Units.parseDurationNs(tree.path("duration").asText());
            if (own < durationNs) {
                duration = tree.path("duration").asText();
                durationNs = own;
            }
        } catch (IllegalArgumentException e) {
            // it validated, so duration has a default: keep RUN_DURATION
        }
        String[] args = {PLUGINS, ShippedExperimentsTest.examplePlugin(), "run", mutant.experiment().toString(), "--out", out.toString(), "--seed", Long.toString(seed),
            "--set", "/duration=" + duration};
        FuzzChecks.Measured r = FuzzChecks.run(RUN_CPU_S, Math.max(600, 20 * RUN_CPU_S), args);
        runs.add(r.cost(), i);
        String how = "tcpsim " + String.join(" ", args) + " (" + repro + ")";
        // Our own --set /duration can leave a workload starting after the run's end: refused at its "start"
        // (exit 2, the reason names that duration), which is right and no finding; anything else must run.
        boolean shortenedTooFar = r.result().status() == 2
                && r.result().err().contains("from the run's duration " + Units.formatDurationNs(durationNs));
        FuzzChecks.check(r.result(), shortenedTooFar ? Set.of(2) : Set.of(0), true, out, Set.of(), how, findings);
        if (r.result().status() == 0) {
            Path dir = out.resolve(tree.path("name").asText());
            List<Path> records = new ArrayList<>(FuzzChecks.runRecords(out));
            if (records.size() != 1 || !records.get(0).getParent().getParent().equals(dir)
                    || !Files.exists(dir.resolve("summary.csv"))) {
                findings.add(new FuzzChecks.Finding("exit 0 without one complete run and its summary in " + dir
                        + ": " + records, how, r.result().transcript()));
            } else {
                double simulated = JSON.readTree(records.get(0).toFile()).path("simulatedSeconds").asDouble(Double.NaN);
                if (!(simulated <= durationNs / 1e9 + 1e-9)) {
                    findings.add(new FuzzChecks.Finding("simulated " + simulated + " s of a " + duration + " run", how,
                            r.result().transcript()));
                }
            }
            for (Path csv : FuzzChecks.files(out)) {
                if (csv.toString().endsWith(".csv")) {
                    String text = Files.readString(csv);
                    if (text.contains("NaN") || text.contains("Infinity")) {
                        findings.add(new FuzzChecks.Finding("NaN or Infinity in " + out.relativize(csv), how, ""));
                    }
                }
            }
        }
        FuzzChecks.delete(out);
    }

    /** Costs of one kind of command: totals, and the costliest. */
    private static final class Stats {
        int count;
        long cpuNs;
        long wallNs;
        FuzzChecks.Cost worst;
        int worstMutant = -1;
        long maxAllocated;

        void add(FuzzChecks.Cost c, int mutant) {
            count++;
            cpuNs += c.cpuNs();
            wallNs += c.wallNs();
            maxAllocated = Math.max(maxAllocated, c.allocatedBytes());
            if (worst == null || c.cpuNs() > worst.cpuNs()) {
                worst = c;
                worstMutant = mutant;
            }
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d, %.1f s CPU (%.1f s wall); costliest mutant %d: %s; most allocated %d MB",
                    count, cpuNs / 1e9, wallNs / 1e9, worstMutant, worst, maxAllocated >> 20);
        }
    }

    private static byte[] pretty(JsonNode tree) throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
    }

    private static void keep(Mutant mutant) throws IOException {
        Files.createDirectories(KEEP.resolve("experiments"));
        Files.copy(mutant.experiment(), KEEP.resolve("experiments").resolve(mutant.experiment().getFileName()),
                StandardCopyOption.REPLACE_EXISTING);
        if (mutant.topology() != null) {
            Files.createDirectories(KEEP.resolve("topologies"));
            Files.copy(mutant.topology(), KEEP.resolve("topologies").resolve(mutant.topology().getFileName()),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String diff(Set<String> before, Set<String> after) {
        Set<String> added = new java.util.TreeSet<>(after);
        added.removeAll(before);
        Set<String> gone = new java.util.TreeSet<>(before);
        gone.removeAll(after);
        return "added " + added + ", removed " + gone;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static List<Path> jsonFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }
}
