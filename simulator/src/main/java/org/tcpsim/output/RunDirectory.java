package org.tcpsim.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A run's output directory, visible only once complete. Files are written into the hidden
 * sibling {@code experimentOut/.<runId>.partial/}; {@link #commit()} renames it atomically to
 * {@code experimentOut/<runId>/}. A crash leaves only a {@code .partial} directory, which the
 * next {@link #begin} for the same id deletes, and which readers ignore.
 *
 * <p>{@code run.json} is the completion mark: write it last, or let {@link #commit(RunRecord)}
 * write it. Typical use:
 * <pre>{@code
 * try (RunDirectory dir = RunDirectory.begin(out, runId)) {
 *     ... write dir.file("connections.csv") ...
 *     dir.commit(record);
 * } // closing without a commit aborts
 * }</pre>
 */
public final class RunDirectory implements AutoCloseable {
    private enum State { OPEN, COMMITTED, ABORTED }

    private final Path experimentOut;
    private final String runId;
    private final Path partial;
    private State state = State.OPEN;

    private RunDirectory(Path experimentOut, String runId, Path partial) {
        this.experimentOut = experimentOut;
        this.runId = runId;
        this.partial = partial;
    }

    /** Starts a run: creates an empty {@code .<runId>.partial/}, deleting a stale one. */
    public static RunDirectory begin(Path experimentOut, String runId) throws IOException {
        checkRunId(runId);
        Files.createDirectories(experimentOut);
        Path partial = experimentOut.resolve("." + runId + ".partial");
        deleteRecursively(partial);
        deleteRecursively(oldPath(experimentOut, runId)); // left by a crash inside commit()
        Files.createDirectory(partial);
        return new RunDirectory(experimentOut, runId, partial);
    }

    /** True when {@code experimentOut/<runId>/run.json} exists: the run finished and was committed. */
    public static boolean isComplete(Path experimentOut, String runId) {
        return Files.isRegularFile(experimentOut.resolve(runId).resolve(RunRecord.FILE_NAME));
    }

    public String runId() { return runId; }

    /** Where the committed run will be. */
    public Path finalPath() { return experimentOut.resolve(runId); }

    /** A file inside the (still partial) run directory; parent directories are created. */
    public Path file(String name) throws IOException {
        checkOpen();
        Path f = partial.resolve(name).normalize();
        if (!f.startsWith(partial) || f.equals(partial) || Path.of(name).isAbsolute()) {
            throw new IllegalArgumentException("not a file name inside the run directory: " + name);
        }
        Files.createDirectories(f.getParent());
        return f;
    }

    /** Writes {@code run.json} (forced to disk) as the last file, then commits. */
    public void commit(RunRecord record) throws IOException {
        Path json = file(RunRecord.FILE_NAME);
        record.write(json);
        try (FileChannel ch = FileChannel.open(json, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        commit();
    }

    /**
     * Makes the run visible under {@code experimentOut/<runId>}. An existing result for the same
     * id is moved aside, the new one moved in, then the old one deleted; at no point is a
     * directory without {@code run.json} visible under the final name.
     *
     * @throws IllegalStateException if {@code run.json} was not written, or after commit/abort
     */
    public void commit() throws IOException {
        checkOpen();
        if (!Files.isRegularFile(partial.resolve(RunRecord.FILE_NAME))) {
            throw new IllegalStateException("run " + runId + " has no " + RunRecord.FILE_NAME + "; write it last");
        }
        Path target = finalPath();
        Path old = oldPath(experimentOut, runId);
        boolean replacing = Files.exists(target);
        if (replacing) {
            deleteRecursively(old);
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        state = State.COMMITTED;
        if (replacing) deleteRecursively(old);
    }

    /** Deletes the partial directory. Idempotent; does nothing after a commit. */
    public void abort() throws IOException {
        if (state != State.OPEN) return;
        state = State.ABORTED;
        deleteRecursively(partial);
    }

    /** Aborts unless committed. */
    @Override
    public void close() throws IOException {
        abort();
    }

    private void checkOpen() {
        if (state != State.OPEN) throw new IllegalStateException("run directory " + runId + " is " + state);
    }

    private static Path oldPath(Path experimentOut, String runId) {
        return experimentOut.resolve("." + runId + ".old");
    }

    private static void checkRunId(String runId) {
        if (runId == null || runId.isEmpty() || runId.startsWith(".") || runId.indexOf('/') >= 0
                || runId.indexOf('\\') >= 0 || runId.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid run id: '" + runId + "'");
        }
    }

    /** Deletes a file or directory tree; a missing path is fine. */
    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    Files.deleteIfExists(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) throw e;
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // removed concurrently: fine
        }
    }
}
