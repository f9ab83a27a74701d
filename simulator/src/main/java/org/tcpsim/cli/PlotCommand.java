package org.tcpsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.knowm.xchart.internal.chartpart.Chart;
import org.tcpsim.experiment.ChartSpec;
import org.tcpsim.output.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `tcpsim plot DIR`: the experiment's chart (or one given by options) as PNG, and SVG on request. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Draw a chart from a sweep's summary.csv (DIR = OUT/<name>) or from runs' timeseries.csv",
                "(DIR = OUT/<name> or one run directory). Without options it draws the experiment file's",
                "\"chart\"; options replace parts of it."})
final class PlotCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "OUT/<experiment> or OUT/<experiment>/<run-id>")
    Path dir;

    @Option(names = "--source", paramLabel = "summary|timeseries", description = "where the points come from")
    String source;

    @Option(names = "--x", paramLabel = "COLUMN", description = "summary column for the x axis")
    String x;

    @Option(names = "--y", paramLabel = "NAME", split = ",", description = "summary column(s) or timeseries metric(s)")
    List<String> y;

    @Option(names = "--series", paramLabel = "COLUMN", description = "summary column whose values make separate lines")
    String series;

    @Option(names = "--host", paramLabel = "HOST", description = "timeseries: only this host's rows")
    String host;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "file name without extension (default DIR/chart): FILE.png and, with --svg, FILE.svg")
    Path output;

    @Option(names = "--svg", description = "also write an SVG")
    boolean svg;

    @Override
    public Integer call() throws IOException {
        System.setProperty("java.awt.headless", "true");
        if (!Files.isDirectory(dir)) {
            throw new Main.BadInput(dir + ": no such directory (expected OUT/<experiment> or one of its run directories)");
        }
        Map<String, Path> runs = runs(dir);
        if (runs.isEmpty()) {
            throw new Main.BadInput(dir + " holds no finished run (no run.json): run the experiment first");
        }
        RunRecord first = RunRecord.read(runs.values().iterator().next().resolve("run.json"));
        JsonNode experiment = first.getExperiment();
        String name = experiment.path("name").asText("tcpsim");
        ChartSpec fromFile = ChartSpec.of(experiment.get("chart"));
        ChartSpec spec = fromFile != null ? fromFile.with(source, x, y, series, host)
                : new ChartSpec(source != null ? source : ChartSpec.SUMMARY, x, y == null ? List.of() : y, series,
                        host, "", "", false, false, false, Map.of(), List.of());
        if (source != null && !source.equals(ChartSpec.SUMMARY) && !source.equals(ChartSpec.TIMESERIES)) {
            throw new Main.BadInput("--source must be summary or timeseries, got '" + source + "'");
        }
        if (spec.y().isEmpty() || (spec.fromSummary() && spec.x() == null)) {
            throw new Main.BadInput("the experiment '" + name + "' names no chart: give --y (and --x for a summary chart)");
        }
        Chart<?, ?> chart;
        if (spec.fromSummary()) {
            Path summary = Files.exists(dir.resolve("run.json")) ? dir.getParent().resolve("summary.csv")
                    : dir.resolve("summary.csv");
            if (!Files.exists(summary)) {
                throw new Main.BadInput(summary + " does not exist");
            }
            chart = ChartRenderer.fromSummary(summary, spec, name);
        } else {
            chart = ChartRenderer.fromTimeseries(runs, spec, name);
        }
        Path base = output != null ? Path.of(output.toString().replaceFirst("\\.(png|svg)$", "")) : dir.resolve("chart");
        if (base.getParent() != null) {
            Files.createDirectories(base.getParent());
        }
        for (Path p : ChartRenderer.write(chart, base, svg)) {
            System.out.println("chart: " + p);
        }
        return 0;
    }

    /** Label (swept values, and the seed when there are several) -> run directory, in run-id order. */
    private static Map<String, Path> runs(Path dir) throws IOException {
        Map<String, Path> out = new LinkedHashMap<>();
        if (Files.exists(dir.resolve("run.json"))) {
            out.put(dir.getFileName().toString(), dir);
            return out;
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.list(dir)) {
            dirs = new ArrayList<>(s.filter(p -> Files.exists(p.resolve("run.json"))).sorted().toList());
        }
        List<RunRecord> records = new ArrayList<>();
        for (Path d : dirs) {
            records.add(RunRecord.read(d.resolve("run.json")));
        }
        boolean severalSeeds = records.stream().map(RunRecord::getSeed).distinct().count() > 1;
        for (int i = 0; i < dirs.size(); i++) {
            RunRecord r = records.get(i);
            StringBuilder label = new StringBuilder();
            for (Map.Entry<String, JsonNode> e : r.getParams().entrySet()) {
                String key = e.getKey().substring(e.getKey().lastIndexOf('/') + 1);
                label.append(label.length() == 0 ? "" : ", ").append(key).append('=')
                        .append(e.getValue().isTextual() ? e.getValue().asText() : e.getValue());
            }
            if (severalSeeds || label.length() == 0) {
                label.append(label.length() == 0 ? "" : ", ").append("seed=").append(r.getSeed());
            }
            out.put(label.toString(), dirs.get(i));
        }
        return out;
    }
}
