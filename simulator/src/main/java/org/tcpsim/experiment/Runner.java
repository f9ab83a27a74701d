package org.tcpsim.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.tcpsim.engine.Simulation;
import org.tcpsim.output.ExclusiveLock;
import org.tcpsim.output.RunDirectory;
import org.tcpsim.output.RunRecord;
import org.tcpsim.output.SummaryFiles;
import org.tcpsim.output.SummaryScope;
import org.tcpsim.plugin.PluginBlame;

/**
 * Executes runs on worker threads, one simulation per thread, and rebuilds the experiment's
 * summary from every complete run directory. A run already complete with the same fingerprint
 * is skipped, so re-running an interrupted sweep finishes it without redoing or duplicating work.
 */
public final class Runner {
    /** What a batch of runs came to. */
    public record Outcome(int executed, int skipped, List<String> failures) {
        public boolean ok() {
            return failures.isEmpty();
        }
    }

    /** Hears about runs starting and finishing, and gets each run's progress listener. */
    public interface Observer {
        default void started(RunSpec run) {
        }

        default void finished(RunSpec run, RunRecord record, boolean skipped) {
        }

        default Simulation.ProgressListener progressFor(RunSpec run) {
            return null;
        }

        /** The run threw; {@link #finished} is not called for it. */
        default void failed(RunSpec run, Throwable cause) {
        }
    }

    private Runner() {
    }

    /**
     * @param scope which finished runs the rebuilt summary lists (see {@link CurrentRuns})
     */
    public static Outcome execute(List<RunSpec> runs, Path experimentOut, SummaryScope scope, int jobs,
                                  Observer observer) throws IOException, InterruptedException {
        return execute(runs, experimentOut, scope, jobs, observer, RunOptions.DEFAULT);
    }

    public static Outcome execute(List<RunSpec> runs, Path experimentOut, SummaryScope scope, int jobs,
                                  Observer observer, RunOptions options)
            throws IOException, InterruptedException {
        Files.createDirectories(experimentOut);
        AtomicInteger executed = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        List<String> failures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, runs.size())), r -> {
            Thread t = new Thread(r, "tcpsim-run");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (RunSpec run : runs) {
                futures.add(pool.submit(() -> {
                    // Another process (a resubmitted array task while the killed one still
                    // exits, or the same shard submitted twice) may be on this run: wait for it,
                    // then find the run complete instead of writing into its directory.
                    ExclusiveLock lock = ExclusiveLock.run(experimentOut, run.runId());
                    try {
                        if (alreadyDone(experimentOut, run)) {
                            skipped.incrementAndGet();
                            observer.finished(run, null, true);
                            return null;
                        }
                        observer.started(run);
                        RunRecord record;
                        try {
                            RunDirectory dir = RunDirectory.begin(experimentOut, run.runId());
                            record = RunExecutor.execute(run, dir, observer.progressFor(run), options);
                        } catch (Exception | Error e) {
                            observer.failed(run, e);
                            throw e;
                        }
                        executed.incrementAndGet();
                        observer.finished(run, record, false);
                        return null;
                    } finally {
                        lock.close();
                    }
                }));
            }
            for (int i = 0; i < futures.size(); i++) {
                try {
                    futures.get(i).get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    failures.add(runs.get(i).runId() + ": " + PluginBlame.describe(cause));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        rebuildSummary(experimentOut, scope);
        return new Outcome(executed.get(), skipped.get(), List.copyOf(failures));
    }

    /**
     * Rebuilds summary.csv and aggregate.csv from every complete run, one process at a time: shards
     * sharing the directory finish in any order, and the last rebuild sees every committed run.
     */
    public static void rebuildSummary(Path experimentOut, SummaryScope scope) throws IOException, InterruptedException {
        ExclusiveLock lock = ExclusiveLock.summary(experimentOut);
        try {
            SummaryFiles.rebuild(experimentOut, scope);
        } finally {
            lock.close();
        }
    }

    /** The runs of {@code runs} that have no complete result of their own fingerprint under {@code experimentOut}. */
    public static List<RunSpec> incomplete(List<RunSpec> runs, Path experimentOut) {
        List<RunSpec> missing = new ArrayList<>();
        for (RunSpec run : runs) {
            if (!alreadyDone(experimentOut, run)) {
                missing.add(run);
            }
        }
        return missing;
    }

    /** Complete, and produced by this very configuration, seed and tool version. */
    static boolean alreadyDone(Path experimentOut, RunSpec run) {
        if (!RunDirectory.isComplete(experimentOut, run.runId())) {
            return false;
        }
        try {
            RunRecord r = RunRecord.read(experimentOut.resolve(run.runId()).resolve(RunRecord.FILE_NAME));
            return RunExecutor.fingerprint(run).equals(r.getFingerprint());
        } catch (IOException | RuntimeException e) {
            return false; // unreadable: run it again
        }
    }
}
