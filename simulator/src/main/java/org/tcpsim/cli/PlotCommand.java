package org.tcpsim.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.knowm.xchart.internal.chartpart.Chart;
import org.tcpsim.experiment.ChartSpec;
import org.tcpsim.output.SummaryScope;
import org.tcpsim.report.ChartData;
import org.tcpsim.report.ChartException;
import org.tcpsim.report.ChartRenderer;
import org.tcpsim.report.ResultsDir;
import org.tcpsim.report.SummaryChart;
import org.tcpsim.report.TimeseriesChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** `tcpsim plot DIR`: the experiment's chart (or one given by options) as PNG, and SVG on request. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Draw a chart from summary.csv (DIR = OUT/<name>: the runs as last swept or run, a point per",
                "sweep point with its 95 %% interval over seeds) or from runs' timeseries.csv (DIR = OUT/<name> or one",
                "run directory). Without options it draws the \"chart\" of the experiment file as it is now.",
                "--source, --x or --y drop the file's title, where, references and the replaced axis title",
                "unless given again."})
final class PlotCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(paramLabel = "DIR", description = "OUT/<experiment> or OUT/<experiment>/<run-id>")
    Path dir;

    @Option(names = "--experiment", paramLabel = "FILE",
            description = "the experiment file whose \"chart\" to draw (default: the one the results were made from)")
    Path experimentFile;

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

    @Option(names = "--where", paramLabel = "COLUMN=VALUE",
            description = "only rows (or runs) whose summary column has this value; repeat for several; replaces the file's")
    List<String> where;

    @Option(names = "--title", paramLabel = "TEXT", description = "chart title")
    String title;

    @Option(names = "--x-title", paramLabel = "TEXT", description = "x axis title")
    String xTitle;

    @Option(names = "--y-title", paramLabel = "TEXT", description = "y axis title")
    String yTitle;

    @Option(names = "--no-reference", description = "leave out the file's theory references")
    boolean noReference;

    @Option(names = "--y-from-zero", description = "start the y axis at 0 (bars always do)")
    boolean yFromZero;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "file name without extension (default DIR/chart): FILE.png and, with --svg, FILE.svg")
    Path output;

    @Option(names = "--svg", description = "also write an SVG")
    boolean svg;

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        if (source != null && !source.equals(ChartSpec.SUMMARY) && !source.equals(ChartSpec.TIMESERIES)) {
            throw new Main.BadInput("--source must be summary or timeseries, got '" + source + "'");
        }
        try {
            ResultsDir results = ResultsDir.open(dir, experimentFile, System.err, f -> main.plugins(List.of(f)));
            ChartSpec spec = spec(results);
            SummaryScope.Recorded made = results.recorded();
            if (made != null && spec.fromSummary()) {
                System.err.println("tcpsim: " + results.summaryPath() + " holds " + made.describe());
            }
            ChartData data = spec.fromSummary() ? SummaryChart.build(results.summaryPath(), spec, results.name())
                    : TimeseriesChart.build(results, spec);
            if (!data.note().isEmpty()) {
                System.err.println("tcpsim: " + data.note());
            }
            Chart<?, ?> chart = ChartRenderer.render(data);
            Path base = output != null ? Path.of(output.toString().replaceFirst("\\.(png|svg)$", "")) : dir.resolve("chart");
            if (base.getParent() != null) {
                Files.createDirectories(base.getParent());
            }
            for (Path p : ChartRenderer.write(chart, base, svg)) {
                System.out.println("chart: " + p);
            }
            return 0;
        } catch (ChartException e) {
            throw new Main.BadInput(e.getMessage());
        }
    }

    /** The file's chart with the options laid over it, or the options alone. */
    private ChartSpec spec(ResultsDir results) {
        ChartSpec.Override o = new ChartSpec.Override(source, x, y, series, host, title, xTitle, yTitle, where(),
                noReference, yFromZero);
        ChartSpec fromFile = results.experiment() == null ? null : ChartSpec.of(results.experiment().get("chart"));
        SummaryScope.Recorded made = results.recorded();
        if (fromFile != null && made != null && fromFile.forRunsMadeWith(made.set()) != fromFile) {
            fromFile = fromFile.forRunsMadeWith(made.set());
            System.err.println("tcpsim: the experiment file's theory references and y title are left out: they are for"
                    + " its own values, and these runs were made with --set (--y-title gives a title)");
        }
        ChartSpec spec = (fromFile != null ? fromFile : ChartSpec.bare(source, x, y)).with(o);
        if (spec.y().isEmpty() || (spec.fromSummary() && (spec.x() == null || spec.x().isEmpty()))) {
            throw new Main.BadInput("the experiment '" + results.name() + "' names no chart: give --y (and --x for a"
                    + " summary chart)");
        }
        return spec;
    }

    private Map<String, String> where() {
        if (where == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String w : where) {
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw new Main.BadInput("--where expects COLUMN=VALUE, e.g. --where net.ipv4.tcp_tw_reuse=0; got \"" + w + "\"");
            }
            out.put(w.substring(0, eq), w.substring(eq + 1));
        }
        return out;
    }
}
