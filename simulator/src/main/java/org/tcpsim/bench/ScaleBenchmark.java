package org.tcpsim.bench;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.tcpsim.output.RunRecord;

/**
 * {@code tcpsim bench --suite scale}: each case of {@link ScaleExperiments} run as a whole command
 * in a JVM of its own, started with the options of this one (so the launcher's heap and GC
 * settings, or TCPSIM_JAVA_OPTS, are what is measured): wall time from process start to exit and
 * the process's peak resident set.
 */
public final class ScaleBenchmark {
    /** One measurement of one case. */
    public record Result(String name, double wallSeconds, long peakRssKb, long events, double runWallSeconds) {
    }

    private ScaleBenchmark() {
    }

    /** Runs the experiment file in a fresh JVM with its outputs under {@code out}. */
    public static Result run(Path experiment, Path out) throws IOException, InterruptedException {
        String name = experiment.getFileName().toString().replaceFirst("\\.json$", "");
        Path result = Files.createTempFile("tcpsim-bench-", ".txt");
        Path errors = Files.createTempFile("tcpsim-bench-", ".err");
        try {
            List<String> cmd = new ArrayList<>();
            cmd.add(javaBinary());
            cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.tcpsim.cli.MeasuredRun",
                    result.toString(), "run", experiment.toString(), "--out", out.toString()));
            long start = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(errors.toFile()).start();
            int status = p.waitFor();
            double wall = (System.nanoTime() - start) / 1e9;
            List<String> lines = Files.readAllLines(result);
            if (status != 0 || lines.size() < 2) {
                throw new IOException("bench: " + name + " exited with status " + status + ": "
                        + String.join("\n", Files.readAllLines(errors)));
            }
            long rss = Long.parseLong(lines.get(1).substring("peak_rss_kb ".length()));
            RunRecord r = RunRecord.read(out.resolve(name).resolve("run-s1").resolve(RunRecord.FILE_NAME));
            return new Result(name, wall, rss, r.getEventsExecuted(), r.getWallTimeSeconds());
        } finally {
            Files.deleteIfExists(result);
            Files.deleteIfExists(errors);
        }
    }

    /** Deletes a directory tree the suite wrote. */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    }
}
