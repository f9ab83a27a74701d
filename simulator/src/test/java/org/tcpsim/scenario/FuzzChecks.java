package org.tcpsim.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What every command must do whatever its input (issue 12, item 6): exit 0, 1 or 2 (and the caller says
 * which it allows), a located message for 2, no stack trace, no result directory that looks complete
 * after a failure, nothing written outside --out, and an end within a time limit.
 */
final class FuzzChecks {
    /** A stack frame, or a Java exception's class name, anywhere in what a command printed. */
    private static final Pattern STACK = Pattern.compile(
            "(?m)^\\s+at [\\w.$]+\\(|\\b(?:java|javax|com|org|sun|jdk)\\.[\\w.$]*(?:Exception|Error)\\b"
                    + "|StackOverflowError|OutOfMemoryError|NullPointerException");
    /** FILE[:LINE:COL]: at POINTER: MESSAGE, or --set ...: at POINTER: MESSAGE. */
    private static final Pattern PROBLEM = Pattern.compile("^.+?(?::[0-9]+:[0-9]+)?: at /.*: .+$");

    /** The thread commands run on, with the JVM's default stack size as the CLI's main thread has. */
    private static final java.util.concurrent.atomic.AtomicReference<Thread> WORKER_THREAD =
            new java.util.concurrent.atomic.AtomicReference<>();
    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fuzz-command");
        t.setDaemon(true);
        WORKER_THREAD.set(t);
        return t;
    });
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

    private FuzzChecks() {
    }

    /** One broken promise, with what is needed to reproduce it. */
    record Finding(String what, String repro, String transcript) {
        @Override
        public String toString() {
            String t = transcript.length() > 1500 ? transcript.substring(0, 1500) + "..." : transcript;
            return what + "\n  reproduce: " + repro + "\n" + t.indent(4);
        }
    }

    /** Thrown when a command does not end in time: the worker thread is lost, so fuzzing stops. */
    static final class Hung extends RuntimeException {
        Hung(String message) {
            super(message);
        }
    }

    /** What a command cost: CPU time of the JVM, bytes allocated on the command's thread, and wall time. */
    record Cost(long cpuNs, long allocatedBytes, long wallNs) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%.2f s CPU, %d MB allocated, %.1f s wall", cpuNs / 1e9,
                    allocatedBytes >> 20, wallNs / 1e9);
        }
    }

    /** A command's result and what it cost. */
    record Measured(Cli.Result result, Cost cost) {
    }

    /**
     * Runs {@code args} in-process (Main.execute on a worker thread) and measures it. It is cut short as
     * hung when its thread has used {@code cpuSeconds} of CPU (what bounds it whatever else the machine
     * runs) or {@code wallSeconds} have passed: the thread cannot be stopped, so the caller stops fuzzing.
     */
    static Measured run(long cpuSeconds, long wallSeconds, String... args) {
        Thread worker = worker();
        long[] start = {processCpuNs(), THREADS.getThreadAllocatedBytes(worker.getId())};
        long wall0 = System.nanoTime();
        Future<Cli.Result> f = WORKER.submit(() -> Cli.run(args));
        java.io.PrintStream out = System.out;
        java.io.PrintStream err = System.err;
        try {
            while (true) {
                try {
                    Cli.Result r = f.get(200, TimeUnit.MILLISECONDS);
                    return new Measured(r, cost(start, wall0));
                } catch (TimeoutException e) {
                    Cost c = cost(start, wall0);
                    if (c.cpuNs() > cpuSeconds * 1_000_000_000L || c.wallNs() > wallSeconds * 1_000_000_000L) {
                        f.cancel(true);
                        System.setOut(out); // the lost thread keeps its own streams; ours come back
                        System.setErr(err);
                        throw new Hung("no end after " + c + " (limits " + cpuSeconds + " s CPU, " + wallSeconds
                                + " s wall): tcpsim " + String.join(" ", args));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            // Main.execute must catch everything; a throwable escaping it is a finding of its own
            return new Measured(new Cli.Result(-1, "", "escaped Main.execute: " + e.getCause()), cost(start, wall0));
        }
    }

    /** The worker thread, started (idle between commands, so its counters can be read before one). */
    private static Thread worker() {
        try {
            WORKER.submit(() -> { }).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
        return WORKER_THREAD.get();
    }

    /**
     * CPU time of this JVM: a run may use threads of its own, so the worker's time would miss it (the
     * JIT's and GC's time is in it too, so it is an upper bound of the command's).
     */
    private static long processCpuNs() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Cost cost(long[] start, long wall0) {
        Thread t = WORKER_THREAD.get();
        long cpu = processCpuNs() - start[0];
        long alloc = t == null ? 0 : Math.max(0, THREADS.getThreadAllocatedBytes(t.getId()) - start[1]);
        return new Cost(cpu, alloc, System.nanoTime() - wall0);
    }

    /**
     * The promises about one command's result; adds what is broken to {@code findings}.
     *
     * @param allowed  exit statuses that are fine for this command
     * @param located  for status 2: whether every problem line must be FILE:LINE:COL: at POINTER (files),
     *                 or may be a plain "tcpsim: ..." line (command-line problems)
     * @param out      the --out directory, or null: after a failure no run directory under it may hold a run.json
     *                 that was not there before ({@code before}, from {@link #runRecords})
     */
    static void check(Cli.Result r, Set<Integer> allowed, boolean located, Path out, Set<Path> before, String repro,
                      List<Finding> findings) {
        String all = r.out() + r.err();
        if (!allowed.contains(r.status())) {
            findings.add(new Finding("exit " + r.status() + " (allowed " + allowed + ")", repro, r.transcript()));
        }
        if (STACK.matcher(all).find()) {
            findings.add(new Finding("a stack trace or Java exception name", repro, r.transcript()));
        }
        if (r.status() == 2) {
            List<String> lines = r.err().lines().filter(l -> !l.isBlank() && !l.startsWith("tcpsim: warning: ")).toList();
            boolean ok = !lines.isEmpty();
            if (located) {
                // a file's problems: every line FILE[:LINE:COL]: at POINTER: ..., one at least with LINE:COL
                for (String l : lines) {
                    ok &= PROBLEM.matcher(l).matches();
                }
                ok &= lines.stream().anyMatch(l -> l.matches("^.+?:[0-9]+:[0-9]+: at /.*: .+$")
                        || l.startsWith("--set "));
            } else {
                // a command line's: the first line says what is wrong ("tcpsim: ..." then usage), or a file problem
                ok &= lines.get(0).startsWith("tcpsim: ") || PROBLEM.matcher(lines.get(0)).matches();
            }
            if (!ok) {
                findings.add(new Finding("exit 2 without a " + (located ? "FILE:LINE:COLUMN: at POINTER" : "")
                        + " message", repro, r.transcript()));
            }
        }
        if (r.status() != 0 && out != null) {
            for (Path p : runRecords(out)) {
                if (!before.contains(p)) {
                    findings.add(new Finding("a complete-looking run directory after exit " + r.status() + ": " + p,
                            repro, r.transcript()));
                }
            }
        }
    }

    /** The run.json of every complete-looking run directory under {@code out} (not the hidden partial ones). */
    static Set<Path> runRecords(Path out) {
        Set<Path> records = new java.util.HashSet<>();
        for (Path p : files(out)) {
            if (p.getFileName().toString().equals("run.json") && !p.getParent().getFileName().toString().startsWith(".")) {
                records.add(p);
            }
        }
        return records;
    }

    /** Every regular file under {@code dir} (none if it does not exist). */
    static List<Path> files(Path dir) {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is in {@code dir}, as relative paths (files and directories), leaving out {@code except}. */
    static Set<String> listing(Path dir, Path except) {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(p -> except == null || !p.startsWith(except)).forEach(p -> out.add(dir.relativize(p).toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Deletes {@code dir} and everything in it, if it exists. */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(s.toList());
            java.util.Collections.reverse(all);
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
