package org.tcpsim.packetdrill;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tcpsim.packetdrill.Script.Event;
import org.tcpsim.packetdrill.Script.TimeKind;
import org.tcpsim.tcp.TcpProcess;
import org.tcpsim.tcp.TcpStack;

/**
 * Runs one parsed script against one simulated host, as packetdrill's run.c runs it against a
 * kernel: events in order, relative times anchored as it anchors them (on the previous inbound
 * packet's script time when both are inbound packets, else on now), inbound packets injected at
 * their time, outbound packets sniffed and compared, system calls made by the application (the
 * blocking ones on a thread of their own), and every time checked with packetdrill's tolerance:
 * the larger of --tolerance_usecs and --tolerance_percent of the interval since the previous event.
 * Time is simulated: the script's time 0 is the simulation's time 0.
 */
final class ScriptRun {
    final Script script;
    final String path;
    RunConfig config;
    final ScriptHost host;
    TcpStack stack;
    TcpProcess process;
    final List<Sock> socks = new ArrayList<>();
    /** Files the script's commands made, and the file and pipe descriptors it opened. */
    final ScriptFiles files = new ScriptFiles();
    Sock sut;
    final Set<String> notes = new LinkedHashSet<>();

    Event event;
    Event lastEvent;
    long scriptLastTimeUs;
    int numEvents;
    /** The remote ports packetdrill takes for inbound connections (its next_ephemeral_port), in turn. */
    int nextRemotePort = 47000;

    final Outbound outbound;
    final Syscalls syscalls;
    final CodeBlocks code;

    ScriptRun(Script script, String path, RunConfig config, ScriptHost host) {
        this.script = script;
        this.path = path;
        this.config = config;
        this.host = host;
        this.outbound = new Outbound(this);
        this.syscalls = new Syscalls(this);
        this.code = new CodeBlocks(this);
    }

    void start(TcpStack s) {
        this.stack = s;
        this.process = s.newProcess("packetdrill");
    }

    // ---- time ----

    long nowNs() {
        return host.sim.now();
    }

    long nowUs() {
        return host.sim.now() / 1000;
    }

    /** Runs the kernel until {@code atNs}, the clock then standing at it. */
    void advanceTo(long atNs) {
        if (atNs <= host.sim.now()) {
            return;
        }
        host.runUntil(atNs);
    }

    ScriptFailure fail(String message) {
        return new ScriptFailure(path + ":" + event.line() + ": " + message);
    }

    // ---- the event loop (run.c: run_script) ----

    void runEvents() {
        for (Event e : script.events()) {
            nextEvent(e);
            adjustRelativeTimes();
            Script.Action a = event.action();
            if (a instanceof PacketSpec p) {
                outbound.packetEvent(p);
            } else if (a instanceof SyscallSpec s) {
                syscalls.event(s);
            } else if (a instanceof Script.CommandAction c) {
                syscalls.awaitIdle();
                waitForEvent();
                syscalls.command(c.text());
            } else if (a instanceof Script.CodeAction c) {
                syscalls.awaitIdle();
                waitForEvent();
                code.collect(c.text());
            }
            numEvents++;
        }
        syscalls.finish();
    }

    /** The event's times after relative anchoring, in script microseconds. */
    private long timeUs;
    private long timeEndUs;
    /** The anchor of a relative time (event->offset_usecs). */
    private long offsetUs;

    long timeUs() {
        return timeUs;
    }

    long timeEndUs() {
        return timeEndUs;
    }

    /** What the current event's relative time was anchored on (0 for absolute times). */
    long offsetUs() {
        return offsetUs;
    }

    private void nextEvent(Event e) {
        if (event == null) {
            if (e.timeUs() != 0) { // run.c checks the value only: "+0" starts a script as well as "0"
                event = e;
                throw fail("first event should be at time 0");
            }
        } else {
            scriptLastTimeUs = timeUs;
            lastEvent = event;
            lastEventTimeUs = timeUs;
        }
        boolean lastAbsolute = event != null && isAbsolute(event);
        event = e;
        if (lastAbsolute && isAbsolute(e) && e.timeUs() < scriptLastTimeUs) {
            throw new ScriptFailure(path + ":" + e.line() + ": time goes backward in script from " + scriptLastTimeUs
                    + " usec to " + e.timeUs() + " usec");
        }
        timeUs = e.timeUs();
        timeEndUs = e.timeEndUs();
    }

    /** The script time of the previous event, or -1 (NO_TIME_RANGE). */
    private long lastEventTimeUs = -1;

    long lastEventTimeUs() {
        return lastEvent == null ? -1 : lastEventTimeUs;
    }

    private static boolean isAbsolute(Event e) {
        return e.timeKind() == TimeKind.ABSOLUTE || e.timeKind() == TimeKind.ABSOLUTE_RANGE;
    }

    private static boolean anchored(Event e) {
        return e.action() instanceof PacketSpec p && p.inbound();
    }

    /** run.c: adjust_relative_event_times. */
    private void adjustRelativeTimes() {
        TimeKind k = event.timeKind();
        if (k != TimeKind.ANY && k != TimeKind.RELATIVE && k != TimeKind.RELATIVE_RANGE) {
            offsetUs = 0;
            return;
        }
        offsetUs = lastEvent != null && anchored(lastEvent) && anchored(event) ? lastEventTimeUs : nowUs();
        timeUs += offsetUs;
        if (k == TimeKind.RELATIVE_RANGE) {
            timeEndUs += offsetUs;
        }
    }

    /** run.c: wait_for_event, then check_event_time. */
    void waitForEvent() {
        advanceTo(timeUs * 1000);
        if (numEvents > 0) {
            String err = verifyTime(event.timeKind(), timeUs, timeEndUs, nowUs(), lastEventTimeUs(),
                    description());
            if (err != null) {
                throw fail(err);
            }
        }
    }

    private String description() {
        Script.Action a = event.action();
        if (a instanceof PacketSpec p) {
            return p.inbound() ? "inbound packet" : "outbound packet";
        }
        if (a instanceof SyscallSpec) {
            return "system call start";
        }
        if (a instanceof Script.CommandAction) {
            return "command";
        }
        return "data collection for code";
    }

    long tolerance(long scriptUs, long lastUs) {
        long tol = config.toleranceUs();
        if (lastUs >= 0) {
            long dynamic = (long) (config.tolerancePercent() / 100.0 * (scriptUs - lastUs));
            tol = Math.max(tol, dynamic);
        }
        return tol;
    }

    /** run.c: verify_time; null when on time, else the message. */
    String verifyTime(TimeKind kind, long scriptUs, long scriptEndUs, long liveUs, long lastUs, String what) {
        if (kind == TimeKind.ANY) {
            return null;
        }
        long tol = tolerance(scriptUs, lastUs);
        if (kind == TimeKind.ABSOLUTE_RANGE || kind == TimeKind.RELATIVE_RANGE) {
            if (liveUs < scriptUs - tol || liveUs > scriptEndUs + tol) {
                if (kind == TimeKind.ABSOLUTE_RANGE) {
                    return String.format(Locale.ROOT, "timing error: expected %s in time range %.6f~%.6f sec but "
                            + "happened at %.6f sec", what, scriptUs / 1e6, scriptEndUs / 1e6, liveUs / 1e6);
                }
                return String.format(Locale.ROOT, "timing error: expected %s in relative time range +%.6f~+%.6f sec "
                        + "but happened at %+.6f sec", what, (scriptUs - offsetUs) / 1e6,
                        (scriptEndUs - offsetUs) / 1e6, (liveUs - offsetUs) / 1e6);
            }
            return null;
        }
        if (liveUs < scriptUs - tol || liveUs > scriptUs + tol) {
            return String.format(Locale.ROOT, "timing error: expected %s at %.6f sec but happened at %.6f sec; "
                    + "tolerance %.6f sec", what, scriptUs / 1e6, liveUs / 1e6, tol / 1e6);
        }
        return null;
    }

    void note(String n) {
        notes.add(n);
    }

    /** A new packetdrill socket object (socket(), or a child made by an inbound SYN). */
    Sock newSock() {
        Sock s = new Sock();
        socks.add(s);
        return s;
    }
}
