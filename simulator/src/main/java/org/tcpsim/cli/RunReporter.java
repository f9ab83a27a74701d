package org.tcpsim.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.tcpsim.engine.Simulation;
import org.tcpsim.experiment.RunSpec;
import org.tcpsim.experiment.Runner;
import org.tcpsim.output.CsvWriter;
import org.tcpsim.output.RunRecord;

/** Tells the user, one line per run, what ran and what was skipped; shows progress on a terminal. */
final class RunReporter implements Runner.Observer {
    private static final String DROPS = "net.drops.";
    private final PrintStream out;
    private final PrintStream err;
    private final int total;
    private final boolean printMetrics;
    private final boolean progress = ProgressLine.wanted();
    private final AtomicInteger done = new AtomicInteger();
    private final Map<String, ProgressLine> lines = new java.util.concurrent.ConcurrentHashMap<>();

    RunReporter(PrintStream out, PrintStream err, int total, boolean printMetrics) {
        this.out = out;
        this.err = err;
        this.total = total;
        this.printMetrics = printMetrics;
    }

    @Override
    public Simulation.ProgressListener progressFor(RunSpec run) {
        if (!progress) {
            return null;
        }
        ProgressLine line = new ProgressLine(err, run.runId(), run.experiment().durationNs());
        lines.put(run.runId(), line);
        return line;
    }

    @Override
    public void finished(RunSpec run, RunRecord record, boolean skipped) {
        ProgressLine line = lines.remove(run.runId());
        if (line != null) {
            line.done();
        }
        int n = done.incrementAndGet();
        synchronized (out) {
            if (skipped) {
                out.printf("[%d/%d] %s already complete, skipped%n", n, total, run.runId());
                return;
            }
            out.printf("[%d/%d] %s done: %.1f simulated s in %.2f s wall, %d events%n", n, total, run.runId(),
                    record.getSimulatedSeconds(), record.getWallTimeSeconds(), record.getEventsExecuted());
            if (printMetrics) {
                printMetrics(record.getMetrics());
            }
        }
    }

    /**
     * Every metric but the drop counters that stayed zero (thirteen causes, nearly always 0): those
     * are summed up in one line; summary.csv keeps every column.
     */
    private void printMetrics(Map<String, Double> metrics) {
        int zeroDrops = 0;
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            double v = e.getValue() == null ? Double.NaN : e.getValue();
            if (e.getKey().startsWith(DROPS) && v == 0) {
                zeroDrops++;
                continue;
            }
            out.printf("    %-40s %s%n", e.getKey(), CsvWriter.formatReal(v));
        }
        if (zeroDrops > 0) {
            out.printf("    %-40s 0 (%d other causes, in summary.csv)%n", DROPS + "*", zeroDrops);
        }
    }
}
