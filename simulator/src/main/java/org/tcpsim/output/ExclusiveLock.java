package org.tcpsim.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * An exclusive lock on a file in an experiment's output directory, held against other processes
 * (a POSIX record lock, which NFS and most cluster filesystems honour, and which the kernel
 * drops when the holder dies, even by SIGKILL) and against other threads of this JVM (which
 * POSIX locks cannot tell apart). Sweeps sharded over a cluster share one output directory:
 * the lock makes sure two processes never write the same run directory at once, and that
 * summary rebuilds happen one after the other so the last one sees every committed run.
 *
 * <p>The lock files stay, empty, under {@code experimentOut/.locks/}: removing one while another
 * process waits on it would let two holders in.
 */
public final class ExclusiveLock implements AutoCloseable {
    /** Lock files held by this JVM; guarded by itself. */
    private static final Set<Path> HELD = new HashSet<>();
    private static volatile boolean warnedUnsupported;

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private ExclusiveLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock of run {@code runId}: whoever holds it alone may write its run directory. */
    public static ExclusiveLock run(Path experimentOut, String runId) throws IOException, InterruptedException {
        return acquire(experimentOut.resolve(".locks").resolve(runId));
    }

    /** The lock around rebuilding summary.csv and aggregate.csv. */
    public static ExclusiveLock summary(Path experimentOut) throws IOException, InterruptedException {
        return acquire(experimentOut.resolve(".locks").resolve(".summary"));
    }

    /**
     * Waits until {@code file} is locked by no one else, then locks it. On a filesystem without
     * record locks the lock is taken within this JVM only, with a warning on stderr once.
     */
    public static ExclusiveLock acquire(Path file) throws IOException, InterruptedException {
        Path key = file.toAbsolutePath().normalize();
        synchronized (HELD) {
            while (!HELD.add(key)) {
                HELD.wait();
            }
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(key.getParent());
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.lock();
            } catch (IOException e) { // ENOLCK and friends: a filesystem mounted without locking
                warnUnsupported(key, e);
                lock = null;
            }
            return new ExclusiveLock(key, channel, lock);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            release(key);
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock != null) {
                lock.release();
            }
            channel.close();
        } finally {
            release(file);
        }
    }

    private static void release(Path key) {
        synchronized (HELD) {
            HELD.remove(key);
            HELD.notifyAll();
        }
    }

    private static void warnUnsupported(Path key, IOException e) {
        if (!warnedUnsupported) {
            warnedUnsupported = true;
            System.err.println("tcpsim: warning: cannot lock files under " + key.getParent() + " (" + e.getMessage()
                    + "); two processes running the same run into this directory at once would not be kept apart");
        }
    }
}
