package org.tcpsim.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.tcpsim.engine.Simulation;
import org.tcpsim.experiment.RunSpec;
import org.tcpsim.experiment.Runner;
import org.tcpsim.output.CsvWriter;
import org.tcpsim.output.RunRecord;

/**
 * Tells the user, one line per run on stdout, what ran and what was skipped; on a terminal,
 * progress lines on stderr under them (see {@link ProgressLine}). Close it when the runs are done.
 */
final class RunReporter implements Runner.Observer, AutoCloseable {
    private static final String DROPS = "net.drops.";
    private final PrintStream out;
    private final int total;
    private final boolean printMetrics;
    /** Null when nobody watches a terminal (pipes, files, CI): then nothing goes to stderr. */
    private final ProgressLine progress;
    private final AtomicInteger done = new AtomicInteger();

    /** Progress on {@code err} when {@link ProgressLine#wanted()}. */
    RunReporter(PrintStream out, PrintStream err, int total, boolean printMetrics) {
        this(out, total, printMetrics, ProgressLine.wanted() ? ProgressLine.start(err, total) : null);
    }

    RunReporter(PrintStream out, int total, boolean printMetrics, ProgressLine progress) {
        this.out = out;
        this.total = total;
        this.printMetrics = printMetrics;
        this.progress = progress;
    }

    @Override
    public Simulation.ProgressListener progressFor(RunSpec run) {
        return progress == null ? null : progress.runStarted(run.runId(), run.experiment().durationNs());
    }

    @Override
    public void finished(RunSpec run, RunRecord record, boolean skipped) {
        report(run, skipped ? ProgressLine.Outcome.SKIPPED : ProgressLine.Outcome.EXECUTED, () -> {
            int n = done.incrementAndGet();
            if (skipped) {
                out.printf("[%d/%d] %s already complete, skipped%n", n, total, run.runId());
            } else {
                out.printf("[%d/%d] %s done: %.1f simulated s in %.2f s wall, %d events%n", n, total, run.runId(),
                        record.getSimulatedSeconds(), record.getWallTimeSeconds(), record.getEventsExecuted());
                if (printMetrics) {
                    printMetrics(record.getMetrics());
                }
            }
            out.flush();
        });
    }

    @Override
    public void failed(RunSpec run, Throwable cause) {
        report(run, ProgressLine.Outcome.FAILED, () -> {
            int n = done.incrementAndGet();
            out.printf("[%d/%d] %s failed%n", n, total, run.runId());
            out.flush();
        });
    }

    /**
     * Every metric but the drop counters that stayed zero (thirteen causes, nearly always 0): those
     * are summed up in one line; summary.csv keeps every column.
     */
    private void printMetrics(Map<String, Double> metrics) {
        int zeroDrops = 0;
        // one buffer, padded by hand: printf per line took a second for the 50 000 metrics of 10 000 flows
        StringBuilder b = new StringBuilder();
        String nl = System.lineSeparator();
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            double v = e.getValue() == null ? Double.NaN : e.getValue();
            if (e.getKey().startsWith(DROPS) && v == 0) {
                zeroDrops++;
                continue;
            }
            b.append("    ").append(e.getKey());
            for (int pad = e.getKey().length(); pad < 40; pad++) {
                b.append(' ');
            }
            b.append(' ').append(CsvWriter.formatReal(v)).append(nl);
        }
        out.print(b);
        if (zeroDrops > 0) {
            out.printf("    %-40s 0 (%d other causes, in summary.csv)%n", DROPS + "*", zeroDrops);
        }
    }

    private void report(RunSpec run, ProgressLine.Outcome outcome, Runnable printer) {
        if (progress != null) {
            progress.runEnded(run.runId(), outcome, printer);
        } else {
            synchronized (out) {
                printer.run();
            }
        }
    }

    /** Clears the progress lines. */
    @Override
    public void close() {
        if (progress != null) {
            progress.close();
        }
    }
}
