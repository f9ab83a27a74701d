package org.tcpsim.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import org.tcpsim.report.ChartException;
import org.tcpsim.report.ReportPage;
import org.tcpsim.report.ResultsDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** `tcpsim report DIR`: one self-contained HTML page of an experiment's results. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write one self-contained HTML page (no network, no script) of the results in DIR = OUT/<name>:",
                "the question, the experiment file, the chart as SVG with its 95 %% intervals, summary.csv and",
                "aggregate.csv, the non-zero kernel counters per host, what the model does not cover for this",
                "experiment, and links to every CSV."})
final class ReportCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(paramLabel = "DIR", description = "OUT/<experiment>")
    Path dir;

    @Option(names = "--experiment", paramLabel = "FILE",
            description = "the experiment file (default: the one the results were made from)")
    Path experimentFile;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.html", description = "where to write it (default DIR/report.html)")
    Path output;

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        try {
            ResultsDir results = ResultsDir.open(dir, experimentFile, System.err, f -> main.plugins(List.of(f)));
            if (results.singleRun()) {
                throw new Main.BadInput(dir + " is one run; give its experiment's folder, " + results.experimentOut());
            }
            Path file = output != null ? output : dir.resolve("report.html");
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            String page = ReportPage.render(results, file);
            Path tmp = parent.resolve("." + file.getFileName() + ".tmp");
            Files.writeString(tmp, page, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.out.println("report: " + file);
            return 0;
        } catch (ChartException e) {
            throw new Main.BadInput(e.getMessage());
        }
    }
}
