package org.tcpsim.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.tcpsim.engine.Simulation;

/**
 * Progress on stderr for a person watching a terminal: a line for the run in progress (the one
 * that started first when several run at once) and, when there are several runs, a line under
 * it for the whole invocation. Nothing is drawn before {@link #SHOW_AFTER_NS}, nothing at all in
 * pipes and CI (see {@link #wanted}), and the lines are cleared before anything is printed to
 * stdout and at the end.
 *
 * <pre>
 * p03-s1  sim 12.3/60.0 s  1.23 M events/s  85x real time  ETA 0:14  (+1 running)
 * sweep  5/12 runs done  elapsed 0:42  ETA 1:10
 * </pre>
 *
 * Rates are over the last second or so of the run, in the unit that keeps them readable
 * (events/s, k, M), and with the simulated seconds per wall second beside them: a port-exhaustion
 * storm at a few thousand expensive events per second still reads "4.1 k events/s  0.25x real
 * time", never "0.00 M". The sweep's ETA comes from the runs so far: the work done (runs
 * finished plus the simulated fraction of those running) over the elapsed time. The clock is
 * injected so tests can draw lines at chosen times; in use, a daemon thread redraws every
 * {@link #EVERY_NS}, so elapsed time and ETA move even while one slow event runs.
 */
final class ProgressLine implements AutoCloseable {
    static final long SHOW_AFTER_NS = 2_000_000_000L;
    static final long EVERY_NS = 250_000_000L;
    /** Rates are measured over windows of this much wall time (over what there is, from 1/4 of it, at a run's start). */
    static final long RATE_WINDOW_NS = 1_000_000_000L;
    private static final String CLEAR_LINE = "\r\033[K";
    private static final String UP = "\033[1A";

    private final PrintStream err;
    private final LongSupplier clock;
    private final int total;
    private final int width;
    private final long start;
    /** Runs executing, in the order they started; guarded by this. */
    private final Map<String, Run> running = new LinkedHashMap<>();
    private int executed;
    private int skipped;
    private int failed;
    private int linesShown;
    private boolean closed;
    private ScheduledExecutorService ticker;

    /**
     * A display that draws only when {@link #tick()} is called (tests).
     *
     * @param total runs in this invocation (the sweep line is drawn only when there are several)
     * @param width terminal columns: lines are cut to width - 1 so they never wrap
     */
    ProgressLine(PrintStream err, LongSupplier clock, int total, int width) {
        this.err = err;
        this.clock = clock;
        this.total = total;
        this.width = Math.max(20, width);
        this.start = clock.getAsLong();
    }

    /** A display on the real clock that redraws itself every {@link #EVERY_NS}. */
    static ProgressLine start(PrintStream err, int total) {
        ProgressLine line = new ProgressLine(err, System::nanoTime, total, columns(System.getenv("COLUMNS")));
        line.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tcpsim-progress");
            t.setDaemon(true);
            return t;
        });
        line.ticker.scheduleAtFixedRate(line::tick, EVERY_NS, EVERY_NS, TimeUnit.NANOSECONDS);
        return line;
    }

    /**
     * Whether to show progress: stderr is a terminal, stdout is not a pipe (`| tee log` would print
     * the run lines on the terminal late, into the middle of the progress lines; a file is fine),
     * not CI, not a dumb terminal. Java cannot ask isatty(); on Linux /proc/self/fd names what a
     * descriptor points at, elsewhere System.console() (stdin and stdout a terminal) stands in.
     */
    static boolean wanted() {
        String stdout;
        String stderr;
        try {
            stdout = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
            stderr = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            stdout = System.console() != null ? "/dev/tty" : "pipe:";
            stderr = stdout;
        }
        return wanted(stdout, stderr, System.getenv("CI"), System.getenv("TERM"));
    }

    /**
     * The decision itself, from what fd 1 and fd 2 point at ("/dev/pts/3", "pipe:[123]",
     * "socket:[9]", a file) and the environment.
     */
    static boolean wanted(String stdout, String stderr, String ci, String term) {
        boolean terminal = stderr.startsWith("/dev/pts/") || stderr.startsWith("/dev/tty")
                || stderr.equals("/dev/console");
        boolean stdoutPiped = stdout.startsWith("pipe:") || stdout.startsWith("socket:");
        return terminal && !stdoutPiped && ci == null && !"dumb".equals(term);
    }

    static int columns(String env) {
        try {
            return env == null ? 80 : Integer.parseInt(env.trim());
        } catch (NumberFormatException e) {
            return 80;
        }
    }

    /** A run starts: returns the listener its simulation reports to. */
    synchronized Simulation.ProgressListener runStarted(String runId, long durationNs) {
        Run run = new Run(runId, durationNs, clock);
        running.put(runId, run);
        return run;
    }

    /**
     * A run ended (executed, skipped as already complete, or failed): {@code printer} writes its
     * line(s) to stdout above the progress lines, which are then drawn again.
     */
    synchronized void runEnded(String runId, Outcome outcome, Runnable printer) {
        running.remove(runId);
        switch (outcome) {
            case EXECUTED -> executed++;
            case SKIPPED -> skipped++;
            case FAILED -> failed++;
        }
        clear();
        printer.run();
        draw();
    }

    /** How a run ended. */
    enum Outcome { EXECUTED, SKIPPED, FAILED }

    /** Draws the lines again (the ticker calls this every {@link #EVERY_NS}). */
    synchronized void tick() {
        clear();
        draw();
    }

    /** Clears the lines and stops redrawing. */
    @Override
    public synchronized void close() {
        clear();
        closed = true;
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    /** The lines as they would be drawn now (empty before {@link #SHOW_AFTER_NS}). */
    synchronized List<String> lines() {
        long now = clock.getAsLong();
        List<String> lines = new ArrayList<>(2);
        if (closed || now - start < SHOW_AFTER_NS) {
            return lines;
        }
        Run first = running.isEmpty() ? null : running.values().iterator().next();
        if (first != null) {
            String more = running.size() > 1 ? "  (+" + (running.size() - 1) + " running)" : "";
            lines.add(first.describe(now) + more);
        }
        if (total > 1) {
            lines.add(sweepLine(now));
        }
        List<String> cut = new ArrayList<>(lines.size());
        for (String l : lines) {
            cut.add(l.length() < width ? l : l.substring(0, width - 1));
        }
        return cut;
    }

    private String sweepLine(long now) {
        int done = executed + skipped + failed;
        StringBuilder s = new StringBuilder("sweep  ").append(done).append('/').append(total).append(" runs done");
        if (skipped > 0 || failed > 0) {
            s.append(" (");
            if (skipped > 0) {
                s.append(skipped).append(" already complete");
            }
            if (failed > 0) {
                s.append(skipped > 0 ? ", " : "").append(failed).append(" failed");
            }
            s.append(')');
        }
        long elapsed = now - start;
        // Work done in runs: those finished and the simulated fraction of those running.
        double work = executed + failed;
        for (Run r : running.values()) {
            work += r.fraction();
        }
        double toDo = total - skipped;
        double eta = work <= 0 ? Double.NaN : elapsed * (toDo - work) / work;
        return s.append("  elapsed ").append(hms(elapsed)).append("  ETA ").append(hms(eta)).toString();
    }

    private void clear() {
        if (linesShown == 0) {
            return;
        }
        StringBuilder b = new StringBuilder(CLEAR_LINE);
        for (int i = 1; i < linesShown; i++) {
            b.append(UP).append(CLEAR_LINE);
        }
        err.print(b);
        err.flush();
        linesShown = 0;
    }

    private void draw() {
        List<String> lines = lines();
        if (lines.isEmpty()) {
            return;
        }
        err.print(String.join("\n", lines));
        err.flush();
        linesShown = lines.size();
    }

    /** "0:42", "12:05", "1:02:33"; "--" when unknown. */
    static String hms(double ns) {
        if (Double.isNaN(ns) || Double.isInfinite(ns) || ns < 0) {
            return "--";
        }
        long s = Math.round(ns / 1e9);
        long h = s / 3600;
        long m = s / 60 % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, s % 60) : String.format("%d:%02d", m, s % 60);
    }

    /** "850 events/s", "4.1 k events/s", "1.23 M events/s". */
    static String rate(double perSecond) {
        if (perSecond < 999.5) {
            return String.format("%.0f events/s", perSecond);
        }
        if (perSecond < 999_950) {
            return String.format("%.1f k events/s", perSecond / 1e3);
        }
        return String.format("%.2f M events/s", perSecond / 1e6);
    }

    /** Simulated seconds per wall second, two significant digits below 10: "85x", "1.5x", "0.25x", "0.0042x". */
    static String speed(double ratio) {
        if (ratio >= 9.95) {
            return String.format("%.0fx", ratio);
        }
        if (ratio <= 0) {
            return "0x";
        }
        return new java.math.BigDecimal(ratio).round(new java.math.MathContext(2)).stripTrailingZeros()
                .toPlainString() + "x";
    }

    /** One run's progress, written by its simulation thread, read by whoever draws. */
    static final class Run implements Simulation.ProgressListener {
        private final String id;
        private final long durationNs;
        private final LongSupplier clock;
        private final long started;
        private volatile long simNs;
        private volatile double eventsPerSecond = Double.NaN;
        private volatile double simPerWall = Double.NaN;
        // the start of the current rate window; simulation thread only
        private long windowWall;
        private long windowEvents;
        private long windowSim;

        Run(String id, long durationNs, LongSupplier clock) {
            this.id = id;
            this.durationNs = durationNs;
            this.clock = clock;
            this.started = clock.getAsLong();
            this.windowWall = started;
        }

        @Override
        public void onProgress(long simulatedNs, long eventsExecuted) {
            long now = clock.getAsLong();
            simNs = simulatedNs;
            long span = now - windowWall;
            if (span >= EVERY_NS) { // a first value for a run shorter than the window
                eventsPerSecond = (eventsExecuted - windowEvents) * 1e9 / span;
                simPerWall = (double) (simulatedNs - windowSim) / span;
            }
            if (span >= RATE_WINDOW_NS) {
                windowWall = now;
                windowEvents = eventsExecuted;
                windowSim = simulatedNs;
            }
        }

        double fraction() {
            return durationNs <= 0 ? 1 : Math.min(1, (double) simNs / durationNs);
        }

        String describe(long now) {
            StringBuilder s = new StringBuilder(id).append(String.format("  sim %.1f/%.1f s", simNs / 1e9, durationNs / 1e9));
            double perSecond = eventsPerSecond;
            if (!Double.isNaN(perSecond)) {
                s.append("  ").append(rate(perSecond)).append("  ").append(speed(simPerWall)).append(" real time");
            }
            double f = fraction();
            double elapsed = now - started;
            double eta = f <= 0 ? Double.NaN : elapsed * (1 - f) / f;
            return s.append("  ETA ").append(hms(eta)).toString();
        }
    }
}
