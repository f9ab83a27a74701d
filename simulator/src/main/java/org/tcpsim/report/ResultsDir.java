package org.tcpsim.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tcpsim.config.ConfigException;
import org.tcpsim.experiment.ExperimentFile;
import org.tcpsim.output.RunRecord;
import org.tcpsim.output.SummaryFiles;
import org.tcpsim.output.SummaryScope;
import org.tcpsim.plugin.PluginRegistry;

/**
 * The results `plot` and `report` read: OUT/&lt;name&gt; (the runs summary.csv lists, as last swept or
 * run) or one run directory, and the experiment file they came from. The chart, description and
 * file text come from the experiment file as it now stands (found through summary.json, or given),
 * so editing a chart needs no re-run; without the file, from the first run's run.json.
 */
public final class ResultsDir {
    private final Path experimentOut;
    private final Path runDir;
    private final SummaryScope.Recorded recorded;
    private final Csv summary;
    private final Path experimentFile;
    private final JsonNode experiment;

    private ResultsDir(Path experimentOut, Path runDir, SummaryScope.Recorded recorded, Csv summary,
                       Path experimentFile, JsonNode experiment) {
        this.experimentOut = experimentOut;
        this.runDir = runDir;
        this.recorded = recorded;
        this.summary = summary;
        this.experimentFile = experimentFile;
        this.experiment = experiment;
    }

    /**
     * @param dir            OUT/&lt;name&gt; or one of its run directories
     * @param givenFile      the experiment file named on the command line, or null
     * @param warnings       where a fallback is reported (the recorded experiment file is gone)
     * @throws ConfigException when the experiment file is invalid (with its locations)
     */
    public static ResultsDir open(Path dir, Path givenFile, PrintStream warnings) throws IOException, ConfigException {
        return open(dir, givenFile, warnings, file -> PluginRegistry.builtin());
    }

    /**
     * As {@link #open(Path, Path, PrintStream)}, reading the experiment file with the plugins the
     * command loads for it (--plugins, TCPSIM_PLUGINS, plugins/ beside the file), so the results of
     * an experiment that uses plugin types can be charted and reported.
     *
     * @param plugins the plugins for an experiment file
     */
    public static ResultsDir open(Path dir, Path givenFile, PrintStream warnings,
                                  Function<Path, PluginRegistry> plugins) throws IOException, ConfigException {
        if (!Files.isDirectory(dir)) {
            throw new ChartException(dir + ": no such directory (expected OUT/<experiment> or one of its run directories)");
        }
        Path runDir = Files.isRegularFile(dir.resolve(RunRecord.FILE_NAME)) ? dir : null;
        Path experimentOut = runDir != null ? dir.toAbsolutePath().normalize().getParent() : dir;
        Path summaryPath = experimentOut.resolve(SummaryFiles.SUMMARY);
        Csv summary = Files.isRegularFile(summaryPath) ? Csv.read(summaryPath) : null;
        if (runDir == null && (summary == null || summary.rows().isEmpty())) {
            throw new ChartException(dir + " holds no finished run (no summary.csv with runs): run the experiment first");
        }
        SummaryScope.Recorded recorded = SummaryScope.read(experimentOut);
        Path anyRun = runDir != null ? runDir : experimentOut.resolve(Csv.cell(summary.rows().get(0), 0));
        JsonNode fromRun = RunRecord.read(anyRun.resolve(RunRecord.FILE_NAME)).getExperiment();
        String name = fromRun == null ? "" : fromRun.path("name").asText();

        Path file = givenFile;
        if (file == null && recorded != null && recorded.experimentFile() != null) {
            Path candidate = Path.of(recorded.experimentFile());
            if (Files.isRegularFile(candidate)) {
                file = candidate;
            } else {
                warnings.println("tcpsim: " + candidate + " (the experiment file of these results) is gone;"
                        + " using the experiment recorded in run.json");
            }
        }
        JsonNode experiment = fromRun;
        if (file != null) {
            experiment = ExperimentFile.load(file, plugins.apply(file)).resolve(Map.of()).json();
            String fileName = experiment.path("name").asText();
            if (!name.isEmpty() && !fileName.equals(name)) {
                throw new ChartException(file + " is the experiment '" + fileName + "', but " + dir
                        + " holds results of '" + name + "'");
            }
        }
        return new ResultsDir(experimentOut, runDir, recorded, summary, file, experiment);
    }

    /** The experiment (current file's base configuration, or run.json's). */
    public JsonNode experiment() {
        return experiment;
    }

    public String name() {
        return experiment == null ? "tcpsim" : experiment.path("name").asText("tcpsim");
    }

    /** The experiment file read, or null when the experiment came from run.json. */
    public Path experimentFile() {
        return experimentFile;
    }

    public Path experimentOut() {
        return experimentOut;
    }

    /** What made the summary (summary.json), or null for results of an older tcpsim. */
    public SummaryScope.Recorded recorded() {
        return recorded;
    }

    /** summary.csv, or null. */
    public Csv summary() {
        return summary;
    }

    public Path summaryPath() {
        return experimentOut.resolve(SummaryFiles.SUMMARY);
    }

    /** True when DIR was one run directory. */
    public boolean singleRun() {
        return runDir != null;
    }

    /** Parameter columns of summary.csv (swept and --set values): from summary.json, else from aggregate.csv. */
    public List<String> paramColumns() throws IOException {
        if (recorded != null && !recorded.paramColumns().isEmpty()) {
            return recorded.paramColumns();
        }
        Path agg = experimentOut.resolve(SummaryFiles.AGGREGATE);
        if (Files.isRegularFile(agg)) {
            Csv a = Csv.read(agg);
            return a.header().subList(0, a.require("metric"));
        }
        return List.of();
    }

    /** run id -> its summary row as column -> value, in summary order (the one run for a run directory). */
    public Map<String, Map<String, String>> runs() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (runDir != null) {
            String id = runDir.getFileName().toString();
            out.put(id, summaryRow(id));
            return out;
        }
        for (List<String> row : summary.rows()) {
            Map<String, String> cells = new LinkedHashMap<>();
            for (int i = 0; i < summary.header().size(); i++) {
                cells.put(summary.header().get(i), Csv.cell(row, i));
            }
            out.put(Csv.cell(row, 0), cells);
        }
        return out;
    }

    private Map<String, String> summaryRow(String id) {
        if (summary != null) {
            for (List<String> row : summary.rows()) {
                if (Csv.cell(row, 0).equals(id)) {
                    Map<String, String> cells = new LinkedHashMap<>();
                    for (int i = 0; i < summary.header().size(); i++) {
                        cells.put(summary.header().get(i), Csv.cell(row, i));
                    }
                    return cells;
                }
            }
        }
        return Map.of("run_id", id);
    }

    public Path runPath(String runId) {
        return runDir != null ? runDir : experimentOut.resolve(runId);
    }

    /** Run ids in summary order. */
    public List<String> runIds() {
        return new ArrayList<>(runs().keySet());
    }
}
