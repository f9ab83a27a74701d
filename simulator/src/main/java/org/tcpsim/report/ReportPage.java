package org.tcpsim.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.tcpsim.Version;
import org.tcpsim.experiment.ChartSpec;
import org.tcpsim.output.SummaryScope;

/**
 * `tcpsim report`: one self-contained HTML page for an experiment's results (no network, no
 * script): the question, what made the results, every chart as inline SVG with its points and 95 %
 * intervals in a table, summary.csv and aggregate.csv, the non-zero kernel counters per host,
 * what the model does not cover for this experiment (the README's fidelity table), the
 * experiment file, and links to every CSV. The same results give the same bytes.
 */
public final class ReportPage {
    private static final String STYLE = """
            body{font-family:sans-serif;margin:2em auto;max-width:75em;padding:0 1em;color:#222;line-height:1.45}
            h1{margin-bottom:.2em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
            .question{font-size:1.1em;max-width:60em}.made{color:#555}
            nav a{margin-right:1em}
            figure{margin:1em 0}figure svg{max-width:100%;height:auto;border:1px solid #eee}
            figcaption{color:#444;margin:.3em 0}
            .scroll{overflow-x:auto;max-width:100%}
            table{border-collapse:collapse;font-size:.85em;margin:.5em 0}
            th,td{border:1px solid #ccc;padding:.2em .5em;white-space:nowrap}th{background:#f3f3f3;text-align:left}
            td.n{text-align:right;font-variant-numeric:tabular-nums}
            pre{background:#f7f7f7;padding:1em;overflow-x:auto;font-size:.85em;white-space:pre-wrap}
            dt{font-weight:bold;margin-top:.6em}dd{margin-left:1.5em}
            .warn{color:#a00}
            """;

    private ReportPage() {
    }

    /**
     * The page for {@code results}, with links to the CSV files relative to {@code reportFile}'s folder.
     */
    public static String render(ResultsDir results, Path reportFile) throws IOException {
        JsonNode experiment = results.experiment();
        String name = results.name();
        Html h = new Html();
        h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .element("title", "", "tcpsim report: " + name)
                .raw("<style>\n" + STYLE + "</style>\n</head>\n<body>\n<header>\n")
                .element("h1", "", name);
        String question = experiment == null ? "" : experiment.path("description").asText("");
        h.element("p", "class=\"question\"", question.isEmpty() ? "(the experiment states no question: give it a"
                + " \"description\")" : question);
        h.element("p", "class=\"made\"", made(results));
        h.raw("</header>\n<nav><a href=\"#charts\">charts</a><a href=\"#summary\">summary</a>"
                + "<a href=\"#aggregate\">aggregate</a><a href=\"#counters\">counters</a>"
                + "<a href=\"#not-covered\">not covered</a><a href=\"#experiment\">experiment file</a>"
                + "<a href=\"#files\">files</a></nav>\n");
        charts(h, results);
        summary(h, results);
        aggregate(h, results);
        ReportCounters.section(h, results);
        notCovered(h, experiment);
        experimentFile(h, results);
        files(h, results, reportFile);
        h.raw("</body>\n</html>\n");
        return h.toString();
    }

    private static String made(ResultsDir results) {
        SummaryScope.Recorded r = results.recorded();
        String what = r != null ? r.describe() : results.runIds().size() + " run(s)";
        String file = results.experimentFile() != null ? results.experimentFile().getFileName().toString()
                : "the experiment recorded in run.json";
        return "Results of " + what + " of " + file + ", by tcpsim " + Version.get() + ".";
    }

    private static void charts(Html h, ResultsDir results) throws IOException {
        h.raw("<section id=\"charts\">\n<h2>Charts</h2>\n");
        ChartSpec spec = results.experiment() == null ? null : ChartSpec.of(results.experiment().get("chart"));
        if (spec != null && results.recorded() != null) {
            spec = spec.forRunsMadeWith(results.recorded().set()); // as plot draws it
        }
        if (spec == null) {
            h.element("p", "", "The experiment names no \"chart\"; `tcpsim plot` draws one from options.");
        } else {
            try {
                ChartData data = spec.fromSummary() ? SummaryChart.build(results.summaryPath(), spec, results.name())
                        : TimeseriesChart.build(results, spec);
                chart(h, data, 0);
            } catch (ChartException e) {
                h.element("p", "class=\"warn\"", "The experiment's chart cannot be drawn from these results: "
                        + e.getMessage());
            }
        }
        h.raw("</section>\n");
    }

    private static void chart(Html h, ChartData data, int index) throws IOException {
        String svg = ChartRenderer.svg(ChartRenderer.render(data));
        svg = svg.substring(svg.indexOf("<svg"));
        // ids unique on the page; the chart read out to screen readers by its title
        svg = svg.replace("id=\"clip", "id=\"c" + index + "clip").replace("url(#clip", "url(#c" + index + "clip")
                .replaceFirst("<svg ", "<svg role=\"img\" aria-label=\"" + Html.escape(data.title()) + "\" ");
        h.raw("<figure>\n").raw(svg.strip()).raw("\n");
        String caption = data.title() + (data.hasIntervals()
                ? ". Error bars: 95 % confidence intervals of the mean over seeds (Student t, from aggregate.csv)."
                : ". One run per point: no interval.");
        h.element("figcaption", "", caption + (data.note().isEmpty() ? "" : " " + data.note() + "."));
        h.raw("</figure>\n");
        List<List<String>> rows = new ArrayList<>();
        for (ChartData.Series s : data.series()) {
            for (ChartData.Point p : s.points()) {
                rows.add(List.of(s.label() + (s.reference() ? " (theory)" : ""), AxisValues.label(p.xText()),
                        data.yUnit().format(p.y()), p.hasInterval()
                                ? data.yUnit().format(p.ciLow()) + " to " + data.yUnit().format(p.ciHigh()) : "",
                        s.reference() ? "" : Integer.toString(p.n())));
            }
        }
        if (rows.size() <= 400) {
            h.raw("<details><summary>The points of this chart</summary>\n")
                    .table("points", List.of("series", data.xTitle(), data.yTitle(), "95 % interval", "seeds"), rows)
                    .raw("</details>\n");
        }
    }

    private static void summary(Html h, ResultsDir results) {
        h.raw("<section id=\"summary\">\n<h2>Summary (summary.csv)</h2>\n");
        Csv s = results.summary();
        if (s == null) {
            h.element("p", "", "No summary.csv.");
        } else {
            h.element("p", "", s.rows().size() + " run(s), one row each.");
            h.table("summary", s.header(), s.rows());
        }
        h.raw("</section>\n");
    }

    private static void aggregate(Html h, ResultsDir results) throws IOException {
        h.raw("<section id=\"aggregate\">\n<h2>Aggregate over seeds (aggregate.csv)</h2>\n");
        Path agg = results.experimentOut().resolve("aggregate.csv");
        if (!Files.isRegularFile(agg)) {
            h.element("p", "", "No aggregate.csv: one run of one seed.");
        } else {
            Csv a = Csv.read(agg);
            h.raw("<details><summary>").text(a.rows().size() + " rows: every sweep point x metric, with n, mean, "
                    + "stddev and the 95 % interval").raw("</summary>\n").table("aggregate", a.header(), a.rows())
                    .raw("</details>\n");
        }
        h.raw("</section>\n");
    }

    private static void notCovered(Html h, JsonNode experiment) {
        h.raw("<section id=\"not-covered\">\n<h2>What the model does not cover here</h2>\n");
        h.element("p", "", "The rows of the README's fidelity table that apply to what this experiment uses, where "
                + "the model differs from Linux or leaves something out:");
        List<Fidelity.Row> rows = experiment == null ? Fidelity.rows()
                : Fidelity.caveatsFor(Fidelity.rows(), Fidelity.uses(experiment));
        h.raw("<dl>\n");
        for (Fidelity.Row r : rows) {
            String piece = r.piece();
            int cut = piece.indexOf(':');
            h.raw("<dt>").raw(Html.markdown(cut > 0 && cut < 60 ? piece.substring(0, cut) : shorten(piece)))
                    .raw("</dt>\n<dd>").raw(Html.markdown(r.status())).raw("</dd>\n");
        }
        h.raw("</dl>\n</section>\n");
    }

    private static String shorten(String piece) {
        return piece.length() <= 80 ? piece : piece.substring(0, piece.lastIndexOf(' ', 80)) + " ...";
    }

    private static void experimentFile(Html h, ResultsDir results) throws IOException {
        h.raw("<section id=\"experiment\">\n<h2>The experiment file</h2>\n");
        Path file = results.experimentFile();
        if (file == null) {
            h.element("p", "", "The experiment file is not at hand; this is the resolved experiment recorded in run.json:");
            h.element("pre", "", results.experiment() == null ? "" : results.experiment().toPrettyString());
        } else {
            h.element("p", "", file.getFileName().toString() + " (as it is now; the chart above is drawn from it):");
            h.element("pre", "", Files.readString(file, StandardCharsets.UTF_8));
            JsonNode topo = results.experiment().get("topology");
            String topoPath = readTopologyPath(file);
            if (topoPath != null && topo != null) {
                Path t = file.toAbsolutePath().getParent().resolve(topoPath).normalize();
                if (Files.isRegularFile(t)) {
                    h.element("p", "", "Its topology, " + topoPath + ":");
                    h.element("pre", "", Files.readString(t, StandardCharsets.UTF_8));
                }
            }
        }
        h.raw("</section>\n");
    }

    /** The "topology" of the file when it is a path to a topology file. */
    private static String readTopologyPath(Path file) {
        try {
            JsonNode raw = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
            JsonNode t = raw.get("topology");
            return t != null && t.isTextual() ? t.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void files(Html h, ResultsDir results, Path reportFile) throws IOException {
        h.raw("<section id=\"files\">\n<h2>Files</h2>\n");
        Path base = reportFile.toAbsolutePath().normalize().getParent();
        Path out = results.experimentOut().toAbsolutePath().normalize();
        h.raw("<ul>\n");
        for (String f : List.of("summary.csv", "aggregate.csv", "summary.json")) {
            if (Files.isRegularFile(out.resolve(f))) {
                link(h, base, out.resolve(f), f);
            }
        }
        h.raw("</ul>\n<ul>\n");
        for (String run : results.runIds()) {
            Path dir = results.runPath(run).toAbsolutePath().normalize();
            List<Path> csvs;
            try (Stream<Path> s = Files.list(dir)) {
                csvs = s.filter(p -> p.getFileName().toString().endsWith(".csv")
                        || p.getFileName().toString().equals("run.json")).sorted().toList();
            }
            h.raw("<li>").text(run + ": ");
            for (Path c : csvs) {
                h.raw("<a href=\"").text(relative(base, c)).raw("\">").text(c.getFileName().toString()).raw("</a> ");
            }
            h.raw("</li>\n");
        }
        h.raw("</ul>\n</section>\n");
    }

    private static void link(Html h, Path base, Path file, String text) {
        h.raw("<li><a href=\"").text(relative(base, file)).raw("\">").text(text).raw("</a></li>\n");
    }

    /** A link from the report's folder, with '/' separators. */
    private static String relative(Path base, Path file) {
        return base.relativize(file).toString().replace('\\', '/');
    }
}
