package org.tcpsim.cli;

import java.io.PrintStream;
import org.tcpsim.engine.Simulation;

/**
 * The progress line on stderr (simulated time, events per second, ETA), shown only when a person
 * is watching a terminal and the run has lasted more than two seconds; silent in CI and pipes.
 */
final class ProgressLine implements Simulation.ProgressListener {
    private static final long SHOW_AFTER_NS = 2_000_000_000L;
    private static final long EVERY_NS = 250_000_000L;

    private final PrintStream err;
    private final String label;
    private final long durationNs;
    private final long wallStart = System.nanoTime();
    private long lastPrint;
    private long lastEvents;
    private long lastWall = wallStart;
    private boolean shown;

    ProgressLine(PrintStream err, String label, long durationNs) {
        this.err = err;
        this.label = label;
        this.durationNs = durationNs;
    }

    /** Whether progress should be shown at all: a terminal, and not CI. */
    static boolean wanted() {
        return System.console() != null && System.getenv("CI") == null;
    }

    @Override
    public void onProgress(long simulatedNs, long eventsExecuted) {
        long wall = System.nanoTime();
        if (wall - wallStart < SHOW_AFTER_NS || wall - lastPrint < EVERY_NS) {
            return;
        }
        double rate = (eventsExecuted - lastEvents) / ((wall - lastWall) / 1e9);
        double fraction = durationNs == 0 ? 1 : (double) simulatedNs / durationNs;
        double elapsed = (wall - wallStart) / 1e9;
        double eta = fraction <= 0 ? Double.NaN : elapsed / fraction - elapsed;
        synchronized (err) {
            err.printf("\r%s  sim %.1f/%.1f s  %.2f M events/s  ETA %.0f s   ", label, simulatedNs / 1e9,
                    durationNs / 1e9, rate / 1e6, eta);
            err.flush();
        }
        shown = true;
        lastPrint = wall;
        lastEvents = eventsExecuted;
        lastWall = wall;
    }

    /** Clears the line if anything was printed. */
    void done() {
        if (shown) {
            synchronized (err) {
                err.print("\r\033[K");
                err.flush();
            }
        }
    }
}
