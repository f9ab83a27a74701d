package org.tcpsim.packetdrill;

import org.tcpsim.packetdrill.Script.TimeKind;
import org.tcpsim.tcp.ListenerCallbacks;
import org.tcpsim.tcp.SocketCallbacks;
import org.tcpsim.tcp.TcpListener;
import org.tcpsim.tcp.TcpSocket;

/**
 * System call events (packetdrill's run_system_call.c): the application's calls on the local
 * kernel. A call written with an end time ({@code ...t}) runs as on packetdrill's system call
 * thread: the script goes on while it blocks, and its return is checked against the end time
 * when it comes. Any other call that would block holds up the script until it returns, as it holds
 * up packetdrill's main thread. Results and errno are checked as end_syscall checks them.
 */
final class Syscalls {
    /** What a call returned: a value, or -1 and an errno name. */
    record Ret(long value, String errno) {
        static Ret ok(long v) {
            return new Ret(v, null);
        }

        static Ret err(String errno) {
            return new Ret(-1, errno);
        }
    }

    /** One attempt at a call; null while it would block. */
    @FunctionalInterface
    interface Attempt {
        Ret attempt();
    }

    /** A blocking call in progress on the system call thread. */
    private record Pending(SyscallSpec spec, Attempt attempt, int line, TimeKind kind, long startUs, long endUs) {
    }

    /** How long a call may block the script with nothing to wake it before the run gives up (packetdrill hangs). */
    private static final long HANG_NS = 3600_000_000_000L;

    private final ScriptRun run;
    private final Calls calls;
    private Pending pending;
    private boolean wakeQueued;

    Syscalls(ScriptRun run) {
        this.run = run;
        this.calls = new Calls(run, this);
    }

    // ---- the event ----

    void event(SyscallSpec s) {
        if (s.blocking()) {
            if (!awaitIdle()) {
                throw run.fail("runtime error in " + s.name() + " call: blocking system call while another blocking "
                        + "system call is already in progress");
            }
            // a relative call's end time is relative to the same anchor as its start (adjust_relative_event_times)
            long endUs = s.endUs() + (run.event.timeKind() == TimeKind.RELATIVE ? run.offsetUs() : 0);
            run.waitForEvent();
            Attempt a = calls.start(s);
            Pending p = new Pending(s, a, run.event.line(), run.event.timeKind(), run.timeUs(), endUs);
            if (!tryComplete(p)) {
                pending = p;
            }
        } else {
            awaitIdle();
            run.waitForEvent();
            Attempt a = calls.start(s);
            Ret r = a.attempt();
            // a call that blocks holds up the whole script, as packetdrill's main thread
            long giveUp = run.nowNs() + HANG_NS;
            while (r == null) {
                if (run.nowNs() >= giveUp || !blockOn(giveUp)) {
                    throw run.fail("runtime error in " + s.name() + " call: the call blocks and nothing wakes it "
                            + "(packetdrill would hang here)");
                }
                r = a.attempt();
            }
            check(s, r, run.event.line());
        }
    }

    /** Runs the kernel until the pending call can be retried or {@code untilNs}; false if nothing is left to run. */
    private boolean blockOn(long untilNs) {
        wakeQueued = false;
        int pendingEvents = run.host.sim.pendingEvents();
        if (pendingEvents == 0) {
            return false;
        }
        stopOnWake = true;
        try {
            run.host.runUntil(untilNs);
        } finally {
            stopOnWake = false;
        }
        return true;
    }

    private boolean stopOnWake;

    /** A socket event the application would be woken by (sk_data_ready, sk_write_space, sk_state_change). */
    void wake() {
        if (wakeQueued) {
            return;
        }
        wakeQueued = true;
        // the woken task runs once the softirq that woke it is done
        run.host.sim.schedule(run.nowNs(), now -> {
            wakeQueued = false;
            if (pending != null && tryComplete(pending)) {
                pending = null;
            }
            if (stopOnWake) {
                run.host.sim.stop();
            }
        });
    }

    private boolean tryComplete(Pending p) {
        Ret r = p.attempt().attempt();
        if (r == null) {
            return false;
        }
        check(p.spec(), r, p.line());
        String err = run.verifyTime(p.kind(), p.endUs(), 0, run.nowUs(), p.startUs(), "system call return");
        if (err != null) {
            throw new ScriptFailure(run.path + ":" + p.line() + ": " + err);
        }
        return true;
    }

    /** await_idle_thread: waits up to 1 s for a blocking call to return; false if it has not. */
    boolean awaitIdle() {
        if (pending == null) {
            return true;
        }
        long deadline = run.nowNs() + 1_000_000_000L;
        while (pending != null && run.nowNs() < deadline) {
            if (!blockOn(deadline)) {
                break;
            }
        }
        return pending == null;
    }

    /** End of script (syscalls_free): a blocking call still in progress is an error. */
    void finish() {
        if (!awaitIdle()) {
            throw new ScriptFailure(run.path + ":" + pending.line() + ": runtime error: exiting while a blocking "
                    + "system call is in progress");
        }
    }

    /** end_syscall: the result, then the errno. */
    private void check(SyscallSpec s, Ret r, int line) {
        String err = calls.verifyResult(s, r);
        if (err != null) {
            throw new ScriptFailure(run.path + ":" + line + ": runtime error in " + s.name() + " call: " + err);
        }
    }

    // ---- commands ----

    void command(String text) {
        calls.command(text);
    }

    /** The callbacks a socket of the script wakes the application with. */
    SocketCallbacks callbacks(Sock sock) {
        return new SocketCallbacks() {
            @Override
            public void connected(TcpSocket s, long now) {
                wake();
            }

            @Override
            public void readable(TcpSocket s, long now) {
                wake();
            }

            @Override
            public void writable(TcpSocket s, long now) {
                wake();
            }

            @Override
            public void closed(TcpSocket s, String errno, long now) {
                if (errno != null) {
                    sock.pendingError = errno;
                }
                wake();
            }
        };
    }

    ListenerCallbacks listenerCallbacks() {
        return (TcpListener l, long now) -> wake();
    }

    static String errnoText(String name) {
        int n = Symbols.errno(name);
        return n + " (" + Symbols.strerror(n) + ")";
    }
}
