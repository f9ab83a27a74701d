package org.tcpsim.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock that keeps two processes (or threads) off one run directory: another process sees a
 * real OS lock while it is held and can take it once the holder is killed with SIGKILL (what
 * scancel ends with); a second thread of the same JVM waits for the first.
 */
class ExclusiveLockTest {
    @Test
    void another_process_sees_the_lock_until_the_holder_is_killed(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve(".locks").resolve("p0-s1");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), file.toString())).redirectErrorStream(true).start();
        try {
            BufferedReader said = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", said.readLine(), "the holder process takes the lock");
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                assertNull(ch.tryLock(), "held by the other process");
            }
            holder.destroyForcibly().waitFor();
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE); FileLock l = ch.tryLock()) {
                assertNotNull(l, "the kernel drops the lock of a process killed with SIGKILL");
            }
            try (ExclusiveLock again = ExclusiveLock.acquire(file)) {
                assertNotNull(again);
            }
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void a_second_thread_waits_until_the_first_releases(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve(".locks").resolve(".summary");
        ExclusiveLock first = ExclusiveLock.acquire(file);
        AtomicBoolean released = new AtomicBoolean();
        AtomicReference<Boolean> sawReleased = new AtomicReference<>();
        Thread second = new Thread(() -> {
            try (ExclusiveLock l = ExclusiveLock.acquire(file)) {
                sawReleased.set(released.get() && l != null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        second.start();
        while (second.getState() != Thread.State.WAITING) { // parked in acquire, behind the first holder
            assertTrue(second.isAlive(), "the second thread must wait, not get the lock");
            Thread.onSpinWait();
        }
        released.set(true);
        first.close();
        second.join();
        assertEquals(Boolean.TRUE, sawReleased.get(), "the second thread got the lock only after the first let go");
    }

    /** Takes the lock, says so, and holds it until killed. */
    public static final class LockHolder {
        public static void main(String[] args) throws Exception {
            ExclusiveLock.acquire(Path.of(args[0]));
            System.out.println("locked");
            System.out.flush();
            Thread.currentThread().join();
        }
    }
}
