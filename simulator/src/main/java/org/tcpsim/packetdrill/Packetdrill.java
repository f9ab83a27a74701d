package org.tcpsim.packetdrill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.SysctlException;
import org.tcpsim.kernel.SysctlRegistry;
import org.tcpsim.kernel.Sysctls;
import org.tcpsim.tcp.TcpSettings;
import org.tcpsim.tcp.TcpStack;

/**
 * Runs a packetdrill script against the model: the script is the application and the remote peer
 * (192.0.2.1), one simulated host is the local kernel (192.168.0.1). Parse errors are
 * {@link ScriptSyntaxException}s (FILE:LINE:COLUMN); everything else ends as an {@link Outcome}.
 */
public final class Packetdrill {
    private Packetdrill() {
    }

    /**
     * Runs {@code file} (shown as {@code shownPath} in messages).
     *
     * @throws ScriptSyntaxException when the script does not parse
     * @throws IOException when it cannot be read
     */
    public static Outcome run(Path file, String shownPath, KernelVersion kernel, Long toleranceUs, boolean verbose)
            throws ScriptSyntaxException, IOException {
        return run(Files.readString(file), file, shownPath, kernel, toleranceUs, verbose);
    }

    /**
     * Runs the script {@code text} as if read from {@code file} (commands it runs resolve from its folder).
     *
     * @throws ScriptSyntaxException when the script does not parse
     */
    public static Outcome run(String text, Path file, String shownPath, KernelVersion kernel, Long toleranceUs,
                              boolean verbose) throws ScriptSyntaxException {
        Script script;
        try {
            script = Parser.parse(Path.of(shownPath), text);
        } catch (UnsupportedConstruct u) {
            return unsupported(shownPath, u, List.of());
        }
        script = new Script(file, script.options(), script.initCommand(), script.events(), script.cleanupCommand());
        RunConfig config = RunConfig.defaults(kernel).withVerbose(verbose);
        try {
            config = applyOptions(config, script.options());
        } catch (UnsupportedConstruct u) {
            return unsupported(shownPath, u, List.of());
        }
        if (toleranceUs != null) {
            config = config.withToleranceUs(toleranceUs); // the command line wins, as in packetdrill
        }
        Set<String> notes = new LinkedHashSet<>();
        Sysctls sysctls = Sysctls.defaults(kernel);
        LocalQdisc qdisc = new LocalQdisc();
        List<ShellCommands.FileOp> initFiles = List.of();
        try {
            if (script.initCommand() != null) {
                ShellCommands.Effect fx = ShellCommands.read(script.initCommand().text(),
                        file.toAbsolutePath().getParent(), script.initCommand().line(), qdisc);
                sysctls = apply(sysctls, fx, notes);
                initFiles = fx.files();
            }
        } catch (UnsupportedConstruct u) {
            return unsupported(shownPath, u, List.copyOf(notes));
        } catch (IOException e) {
            return new Outcome(Outcome.Status.FAIL, shownPath, shownPath + ": error executing init command: "
                    + e.getMessage(), List.copyOf(notes));
        }
        ScriptHost host = new ScriptHost(kernel, sysctls, qdisc);
        ScriptRun run = new ScriptRun(script, shownPath, config, host);
        run.notes.addAll(notes);
        run.files.apply(initFiles);
        try {
            run.start(new TcpStack(host));
            run.runEvents();
            if (script.cleanupCommand() != null) {
                ShellCommands.read(script.cleanupCommand().text(), file.toAbsolutePath().getParent(),
                        script.cleanupCommand().line(), qdisc);
            }
            String codeFailure = run.code.failure();
            if (codeFailure != null) {
                return new Outcome(Outcome.Status.FAIL, shownPath, codeFailure, List.copyOf(run.notes));
            }
            return new Outcome(Outcome.Status.PASS, shownPath, "", List.copyOf(run.notes));
        } catch (UnsupportedConstruct u) {
            return unsupported(shownPath, u, List.copyOf(run.notes));
        } catch (Calls.Unsupported u) {
            return unsupported(shownPath, u.construct, List.copyOf(run.notes));
        } catch (ScriptFailure f) {
            return new Outcome(Outcome.Status.FAIL, shownPath, f.getMessage(), List.copyOf(run.notes));
        } catch (IOException e) {
            return new Outcome(Outcome.Status.FAIL, shownPath, shownPath + ": error executing init command: "
                    + e.getMessage(), List.copyOf(run.notes));
        }
    }

    private static Outcome unsupported(String path, UnsupportedConstruct u, List<String> notes) {
        String where = u.line() > 0 ? path + ":" + u.line() : path;
        return new Outcome(Outcome.Status.UNSUPPORTED, path, where + ": " + u.construct(), notes);
    }

    /** The options written at the top of the script (packetdrill's command-line options). */
    static RunConfig applyOptions(RunConfig c, List<Script.Option> options) throws UnsupportedConstruct {
        for (Script.Option o : options) {
            String v = o.value();
            switch (o.name()) {
                case "tolerance_usecs" -> c = c.withToleranceUs(Long.parseLong(v));
                case "tolerance_percent" -> c = c.withTolerancePercent(Double.parseDouble(v));
                case "tcp_ts_tick_usecs" -> c = c.withTsTick(Long.parseLong(v));
                case "tcp_ts_ecr_scaled" -> c = c.withTsEcrScaled();
                case "strict_segments" -> c = c.withStrictSegments();
                case "ip_version" -> {
                    if (!"ipv4".equals(v)) {
                        throw new UnsupportedConstruct("--ip_version=" + v + " (IPv4 only)", o.line());
                    }
                }
                case "local_ip", "remote_ip", "gateway_ip", "netmask_ip" -> {
                    if (v == null || v.contains(":")) {
                        throw new UnsupportedConstruct("--" + o.name() + "=" + v + " (IPv4 only)", o.line());
                    }
                }
                default -> throw new UnsupportedConstruct("option --" + o.name(), o.line());
            }
        }
        return c;
    }

    /** Applies an init command's writes to the sysctls the host boots with; notes what the model does not read. */
    static Sysctls apply(Sysctls sysctls, ShellCommands.Effect fx, Set<String> notes) {
        notes.addAll(fx.notes());
        for (ShellCommands.Write w : fx.writes()) {
            if (w.moduleParameter()) {
                notes.add("module parameter " + w.name() + "=" + w.value() + " accepted, not modelled");
                continue;
            }
            KernelVersion k = sysctls.kernel();
            boolean known = SysctlRegistry.linux().find(w.name()).map(s -> s.existsOn(k)).orElse(false);
            if (!known) {
                notes.add("sysctl " + w.name() + " accepted, not modelled");
                continue;
            }
            try {
                sysctls = sysctls.with(w.name(), w.value());
            } catch (SysctlException e) {
                notes.add("sysctl " + w.name() + "=" + w.value() + " refused as Linux refuses it: " + e.getMessage());
                continue;
            }
            if (!TcpSettings.READ.contains(w.name())) {
                notes.add("sysctl " + w.name() + " accepted, not read by the model");
            }
        }
        return sysctls;
    }

    /** A command run as an event: its sysctl writes reach the running host. */
    static void apply(ScriptRun run, ShellCommands.Effect fx) {
        run.files.apply(fx.files());
        List<ShellCommands.Write> writes = new ArrayList<>(fx.writes());
        if (writes.isEmpty()) {
            fx.notes().forEach(run::note);
            return;
        }
        Sysctls updated = apply(run.stack.sysctls(), fx, run.notes);
        run.stack.reloadSysctls(updated);
    }
}
