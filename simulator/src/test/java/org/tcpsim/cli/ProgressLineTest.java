package org.tcpsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tcpsim.engine.Simulation;
import org.tcpsim.experiment.Experiment;
import org.tcpsim.experiment.RunSpec;
import org.tcpsim.output.RunRecord;

/**
 * The progress lines as a person at a terminal sees them, drawn at chosen times of an injected
 * clock (no terminal, no thread, no sleeps), and the rule that pipes, files and CI get nothing.
 */
class ProgressLineTest {
    private static final long S = 1_000_000_000L;
    private static final String CLEAR_TWO = "\r\033[K\033[1A\r\033[K";

    /** A clock the test moves by hand. */
    private static final class FakeClock implements java.util.function.LongSupplier {
        long now;

        @Override
        public long getAsLong() {
            return now;
        }
    }

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream terminal = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final FakeClock clock = new FakeClock();

    private String drawn() {
        terminal.flush();
        String s = bytes.toString(StandardCharsets.UTF_8);
        bytes.reset();
        return s;
    }

    @Test
    void progress_only_when_stderr_is_a_terminal_and_stdout_no_pipe_outside_ci() {
        String tty = "/dev/pts/3";
        assertTrue(ProgressLine.wanted(tty, tty, null, "xterm-256color"));
        assertTrue(ProgressLine.wanted("/dev/tty1", "/dev/tty1", null, null));
        assertTrue(ProgressLine.wanted("/home/u/runs.txt", tty, null, "xterm"), "> file: stdout never reaches the screen");
        assertFalse(ProgressLine.wanted(tty, "pipe:[48211]", null, "xterm"), "2>&1 | less, a CI runner's pipe");
        assertFalse(ProgressLine.wanted(tty, "/home/u/sweep.log", null, "xterm"), "2> file");
        assertFalse(ProgressLine.wanted(tty, "/dev/null", null, "xterm"));
        assertFalse(ProgressLine.wanted("pipe:[48211]", tty, null, "xterm"),
                "| tee log: its copy of the run lines would land late, inside the progress lines");
        assertFalse(ProgressLine.wanted("socket:[9]", tty, null, "xterm"));
        assertFalse(ProgressLine.wanted("pipe:", "pipe:", null, "xterm"), "no /proc and no console");
        assertFalse(ProgressLine.wanted(tty, tty, "true", "xterm"), "CI set");
        assertFalse(ProgressLine.wanted(tty, tty, null, "dumb"), "a dumb terminal cannot move the cursor");
    }

    @Test
    void without_a_terminal_nothing_goes_to_stderr_and_stdout_is_as_before() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        try (RunReporter quiet = new RunReporter(stdout, 2, false, null)) {
            assertNull(quiet.progressFor(run("p0-s1", 60 * S)), "no listener: the simulation never looks at a clock");
            quiet.finished(run("p0-s1", 60 * S), record(60, 1.5, 1_000_000), false);
            quiet.finished(run("p1-s1", 60 * S), null, true);
        }
        assertEquals("[1/2] p0-s1 done: 60.0 simulated s in 1.50 s wall, 1000000 events\n"
                + "[2/2] p1-s1 already complete, skipped\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void nothing_is_drawn_in_the_first_two_seconds() {
        ProgressLine p = new ProgressLine(terminal, clock, 3, 120);
        Simulation.ProgressListener run = p.runStarted("p0-s1", 60 * S);
        clock.now = S;
        run.onProgress(10 * S, 1_000_000);
        clock.now = 2 * S - 1;
        p.tick();
        assertEquals("", drawn());
        assertEquals(List.of(), p.lines());
    }

    @Test
    void the_run_line_and_under_it_the_sweep_line() {
        ProgressLine p = new ProgressLine(terminal, clock, 4, 120);
        Simulation.ProgressListener run = p.runStarted("p0-s1", 60 * S);
        clock.now = S;
        run.onProgress(10 * S, 1_000_000);
        clock.now = 3 * S;
        run.onProgress(30 * S, 3_000_000); // 2 M events and 20 simulated s over the last 2 s
        p.tick();
        // Run: half done after 3 s, 3 s to go. Sweep: half a run of 4 in 3 s, 3.5 runs to go = 21 s.
        assertEquals("p0-s1  sim 30.0/60.0 s  1.00 M events/s  10x real time  ETA 0:03\n"
                + "sweep  0/4 runs done  elapsed 0:03  ETA 0:21", drawn());

        clock.now = 4 * S;
        p.runEnded("p0-s1", ProgressLine.Outcome.EXECUTED, () -> terminal.print("[1/4] p0-s1 done\n"));
        // The lines are cleared, the run's stdout line printed in their place, the sweep line drawn
        // under it: one run of 4 in 4 s, 3 to go = 12 s.
        assertEquals(CLEAR_TWO + "[1/4] p0-s1 done\n" + "sweep  1/4 runs done  elapsed 0:04  ETA 0:12", drawn());

        clock.now = 5 * S;
        p.runEnded("p1-s1", ProgressLine.Outcome.SKIPPED, () -> terminal.print("[2/4] p1-s1 already complete, skipped\n"));
        // A run found complete is no work: 1 run done in 5 s, 2 left to execute = 10 s.
        assertEquals("\r\033[K[2/4] p1-s1 already complete, skipped\n"
                + "sweep  2/4 runs done (1 already complete)  elapsed 0:05  ETA 0:10", drawn());

        p.close();
        assertEquals("\r\033[K", drawn(), "closing clears the line");
        clock.now = 9 * S;
        p.tick();
        assertEquals("", drawn(), "and nothing is drawn after");
    }

    @Test
    void a_port_exhaustion_storm_reads_in_thousands_of_events_and_slower_than_real_time() {
        ProgressLine p = new ProgressLine(terminal, clock, 1, 120);
        Simulation.ProgressListener run = p.runStarted("run-s1", 70 * S);
        // Every failed connect() scans the port range: a few thousand expensive events per second.
        clock.now = 4 * S;
        run.onProgress(S, 16_400);
        assertEquals(List.of("run-s1  sim 1.0/70.0 s  4.1 k events/s  0.25x real time  ETA 4:36"), p.lines(),
                "one run: no sweep line; 69 simulated s to go at the 0.25x so far = 276 s");
        clock.now = 14 * S;
        run.onProgress(S + S / 100, 16_900);
        assertEquals(List.of("run-s1  sim 1.0/70.0 s  50 events/s  0.001x real time  ETA 15:56"), p.lines());
    }

    @Test
    void a_run_shorter_than_the_rate_window_shows_its_rate_from_a_quarter_second() {
        ProgressLine p = new ProgressLine(terminal, clock, 5, 120);
        clock.now = 3 * S;
        Simulation.ProgressListener run = p.runStarted("p4-s1", 20 * S);
        clock.now = 3 * S + S / 5;
        run.onProgress(2 * S, 200_000);
        assertEquals("p4-s1  sim 2.0/20.0 s  ETA 0:02", p.lines().get(0), "no rate over 0.2 s");
        clock.now = 3 * S + S / 2;
        run.onProgress(5 * S, 700_000);
        assertEquals("p4-s1  sim 5.0/20.0 s  1.40 M events/s  10x real time  ETA 0:02", p.lines().get(0));
    }

    @Test
    void several_runs_at_once_show_the_first_started_and_how_many_more() {
        ProgressLine p = new ProgressLine(terminal, clock, 6, 120);
        Simulation.ProgressListener a = p.runStarted("p0-s1", 10 * S);
        Simulation.ProgressListener b = p.runStarted("p0-s2", 10 * S);
        clock.now = 2 * S;
        a.onProgress(4 * S, 4_000_000);
        b.onProgress(6 * S, 9_000_000);
        assertEquals(List.of("p0-s1  sim 4.0/10.0 s  2.00 M events/s  2x real time  ETA 0:03  (+1 running)",
                "sweep  0/6 runs done  elapsed 0:02  ETA 0:10"), p.lines(), "work 0.4 + 0.6 = 1 run in 2 s, 5 to go");
        p.runEnded("p0-s1", ProgressLine.Outcome.FAILED, () -> { });
        assertEquals(List.of("p0-s2  sim 6.0/10.0 s  4.50 M events/s  3x real time  ETA 0:01",
                "sweep  1/6 runs done (1 failed)  elapsed 0:02  ETA 0:06"), p.lines());
    }

    @Test
    void lines_never_wrap_the_terminal() {
        ProgressLine p = new ProgressLine(terminal, clock, 2, 40);
        Simulation.ProgressListener run = p.runStarted("set-4115387e-p03-s1", 60 * S);
        clock.now = 3 * S;
        run.onProgress(30 * S, 3_000_000);
        for (String line : p.lines()) {
            assertEquals(39, line.length(), line);
        }
        assertEquals(80, ProgressLine.columns(null));
        assertEquals(132, ProgressLine.columns("132"));
        assertEquals(80, ProgressLine.columns("wide"));
    }

    @Test
    void units_stay_readable_at_any_rate() {
        assertEquals("0 events/s", ProgressLine.rate(0));
        assertEquals("999 events/s", ProgressLine.rate(999.4));
        assertEquals("1.0 k events/s", ProgressLine.rate(999.6));
        assertEquals("54.0 k events/s", ProgressLine.rate(54_000));
        assertEquals("1.00 M events/s", ProgressLine.rate(999_960));
        assertEquals("23.20 M events/s", ProgressLine.rate(23.2e6));
        assertEquals("850x", ProgressLine.speed(850.2));
        assertEquals("10x", ProgressLine.speed(9.96));
        assertEquals("1.5x", ProgressLine.speed(1.5));
        assertEquals("0.25x", ProgressLine.speed(0.25));
        assertEquals("0.0042x", ProgressLine.speed(0.004213));
        assertEquals("0x", ProgressLine.speed(0));
        assertEquals("0:00", ProgressLine.hms(0));
        assertEquals("0:59", ProgressLine.hms(59.4 * S));
        assertEquals("12:05", ProgressLine.hms(725.0 * S));
        assertEquals("1:02:33", ProgressLine.hms(3753.0 * S));
        assertEquals("--", ProgressLine.hms(Double.NaN));
        assertEquals("--", ProgressLine.hms(Double.POSITIVE_INFINITY));
    }

    private static RunSpec run(String id, long durationNs) {
        Experiment e = new Experiment("t", "", durationNs, List.of(1L), 0, null, Map.of(), List.of(), null);
        return new RunSpec(id, 0, 1, Map.of(), Map.of(), e);
    }

    private static RunRecord record(double simulatedSeconds, double wallSeconds, long events) {
        return new RunRecord().setSimulatedSeconds(simulatedSeconds).setWallTimeSeconds(wallSeconds)
                .setEventsExecuted(events).setMetrics(Map.of());
    }
}
