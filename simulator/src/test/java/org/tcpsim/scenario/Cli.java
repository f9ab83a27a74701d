package org.tcpsim.scenario;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tcpsim.cli.Main;

/**
 * Runs the {@code tcpsim} command in-process, the way a user would from a shell, and captures
 * its exit status, stdout and stderr. Tests using it must hold the SYSTEM_OUT / SYSTEM_ERR
 * resource locks because it swaps {@link System#out} and {@link System#err}.
 */
final class Cli {
    /** What one command printed and returned. */
    record Result(int status, String out, String err) {
        /** For assertion messages: everything the command said. */
        String transcript() {
            return "exit " + status + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    private Cli() {
    }

    static Result run(String... args) {
        return runWithEnv(System.getenv(), args);
    }

    /** As {@link #run}, with {@code env} as the command's environment (TCPSIM_PLUGINS). */
    static Result runWithEnv(java.util.Map<String, String> env, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            int status = Main.execute(env, args);
            o.flush();
            e.flush();
            return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Writes {@code text} to {@code dir/name} (parents created) and returns the path. */
    static Path write(Path dir, String name, String text) {
        try {
            Path f = dir.resolve(name);
            Files.createDirectories(f.getParent());
            Files.writeString(f, text, StandardCharsets.UTF_8);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
