package org.tcpsim.packetdrill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell commands packetdrill scripts run (the init command, {@code `...`} events, the cleanup
 * command), read rather than executed: what they do to the local kernel is a list of sysctl
 * writes ({@code sysctl -q name=value}, packetdrill's {@code set_sysctls.py /proc/sys/...=value},
 * {@code echo value > /proc/sys/...}, and the same inside a shell script they call, such as
 * {@code ../common/defaults.sh}), the root pfifo qdisc of tun0 ({@code tc qdisc add|replace dev
 * tun0 root pfifo [limit N]}, {@code tc qdisc del|delete dev tun0 root}), applied to the host's
 * {@link LocalQdisc} as the command runs (a {@code tc} command Linux refuses fails the line as a shell
 * does: status of the last command; {@code &&} skips the rest after a failure), and the two file
 * commands scripts use to make a file for sendfile() ({@code rm -f PATH}, {@code dd bs=N count=M
 * if=/dev/zero of=PATH}), which become {@link FileOp}s on the runner's simulated file table: nothing
 * is executed and no real file is touched. Commands that change nothing the model has (flushing
 * tcp_metrics of a fresh host, turning TSO off, restoring sysctls at the end) are accepted and noted;
 * any other command is an {@link UnsupportedConstruct} naming it.
 */
final class ShellCommands {
    /** A sysctl write, with its dotted name, or a module parameter ({@code /sys/module/...}). */
    record Write(String name, String value, boolean moduleParameter) {
    }

    /** A file made of {@code size} zero bytes at {@code path}, or removed ({@code size} -1). */
    record FileOp(String path, long size) {
    }

    /** The {@code tc qdisc} command shapes packetdrill's scripts use on tun0's root; any other is unsupported. */
    private static final Pattern TC_PFIFO = Pattern.compile("tc qdisc (add|replace) dev tun0 root pfifo( limit (\\d+))?");
    private static final Pattern TC_DELETE = Pattern.compile("tc qdisc (del|delete) dev tun0 root");
    private static final Pattern SEPARATOR = Pattern.compile(";|&&");

    /** What a command amounts to: the writes and file operations in order, and notes on what was accepted without effect. */
    record Effect(List<Write> writes, List<String> notes, List<FileOp> files) {
    }

    /** A path the file commands may name: absolute, no shell expansion, quoting or globbing. */
    private static final Pattern PLAIN_PATH = Pattern.compile("/[A-Za-z0-9_./-]+");

    private static final Pattern ARITH = Pattern.compile("\\$\\(\\(([^()]*(\\([^()]*\\)[^()]*)*)\\)\\)");

    private final Path scriptDir;
    private final List<Write> writes = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<FileOp> files = new ArrayList<>();
    private final int line;
    private final LocalQdisc qdisc;
    private int depth;
    /** The exit status of the last command run, and what a failing one printed. */
    private int status;
    private String failure;

    private ShellCommands(Path scriptDir, int line, LocalQdisc qdisc) {
        this.scriptDir = scriptDir;
        this.line = line;
        this.qdisc = qdisc;
    }

    /**
     * Reads {@code text} as run from {@code scriptDir}; its {@code tc qdisc} commands change {@code qdisc} now.
     *
     * @throws UnsupportedConstruct for a command whose effect the model cannot have
     * @throws IOException when a shell script it calls cannot be read, or the command exits
     *                     non-zero (a {@code tc} command Linux refuses), as packetdrill reports it
     */
    static Effect read(String text, Path scriptDir, int line, LocalQdisc qdisc) throws UnsupportedConstruct, IOException {
        ShellCommands s = new ShellCommands(scriptDir, line, qdisc);
        s.script(text, scriptDir);
        if (s.status != 0) {
            throw new IOException(s.failure + " (`" + text.strip() + "`: non-zero status " + s.status + ")");
        }
        return new Effect(List.copyOf(s.writes), List.copyOf(s.notes), List.copyOf(s.files));
    }

    private void script(String text, Path dir) throws UnsupportedConstruct, IOException {
        StringBuilder joined = new StringBuilder();
        for (String raw : text.split("\n", -1)) {
            String l = raw.stripTrailing();
            if (l.endsWith("\\")) {
                joined.append(l, 0, l.length() - 1).append(' ');
                continue;
            }
            joined.append(l);
            String cmd = joined.toString().strip();
            joined.setLength(0);
            Matcher sep = SEPARATOR.matcher(cmd);
            int from = 0;
            boolean skip = false;
            while (true) {
                boolean found = sep.find();
                String part = cmd.substring(from, found ? sep.start() : cmd.length()).strip();
                if (!skip && !part.isEmpty()) {
                    status = 0;
                    command(part, dir);
                }
                if (!found) {
                    break;
                }
                skip = sep.group().equals("&&") && status != 0; // a && b: b runs only if a succeeded
                from = sep.end();
            }
        }
    }

    private void command(String cmd, Path dir) throws UnsupportedConstruct, IOException {
        if (cmd.isEmpty() || cmd.startsWith("#")) {
            return;
        }
        cmd = cmd.replaceAll("\\s*[12]?>\\s*/dev/null", "").replaceAll("\\s*2>&1", "").strip();
        String[] w = cmd.split("\\s+");
        String prog = w[0];
        if (prog.equals("sysctl")) {
            for (int i = 1; i < w.length; i++) {
                if (w[i].startsWith("-")) {
                    continue; // -q, -w
                }
                String assignment = String.join(" ", java.util.Arrays.copyOfRange(w, i, w.length));
                sysctlAssignments(assignment);
                return;
            }
            return;
        }
        if (prog.endsWith("set_sysctls.py")) {
            for (int i = 1; i < w.length; i++) {
                int eq = w[i].indexOf('=');
                if (eq < 0) {
                    throw new UnsupportedConstruct("set_sysctls.py argument " + w[i], line);
                }
                procWrite(w[i].substring(0, eq), unquote(w[i].substring(eq + 1)));
            }
            return;
        }
        if (prog.equals("echo") && cmd.contains(">")) {
            int gt = cmd.lastIndexOf('>');
            String value = unquote(cmd.substring(4, gt).strip());
            String path = cmd.substring(gt + 1).strip();
            procWrite(path, value);
            return;
        }
        if (prog.endsWith(".sh") && !prog.contains("sysctl_restore")) {
            Path f = dir.resolve(prog).normalize();
            if (!Files.isRegularFile(f)) {
                throw new IOException("init command: " + f + " not found");
            }
            if (++depth > 8) {
                throw new IOException("init command: scripts call each other too deeply at " + f);
            }
            script(Files.readString(f), f.getParent());
            depth--;
            return;
        }
        if (prog.contains("sysctl_restore")) {
            note("sysctl restore script (a fresh host per script: nothing to restore)");
            return;
        }
        if ((prog.equals("rm") || prog.equals("/bin/rm")) && w.length == 3 && w[1].equals("-f")
                && PLAIN_PATH.matcher(w[2]).matches()) {
            files.add(new FileOp(w[2], -1));
            return;
        }
        if (prog.equals("dd") || prog.equals("/bin/dd")) {
            files.add(dd(cmd, w));
            return;
        }
        if (prog.equals("ip") && cmd.matches("ip tcp_metrics flush.*")) {
            note("ip tcp_metrics flush (a fresh host has no tcp_metrics)");
            return;
        }
        if (prog.equals("tc")) {
            tcQdisc(cmd);
            return;
        }
        if (prog.equals("ethtool") && cmd.matches("ethtool -K tun0( (tso|gso|gro) off)+")) {
            note("ethtool -K tun0 ... off (the model never sends TSO/GSO packets: it sends MSS-sized segments)");
            return;
        }
        throw new UnsupportedConstruct("shell command `" + cmd + "`", line);
    }

    /** tun0's root pfifo: added, replaced (with tun's tx_queue_len without a limit, pfifo_init) or deleted. */
    private void tcQdisc(String cmd) throws UnsupportedConstruct {
        String normal = cmd.replaceAll("\\s+", " ");
        Matcher m = TC_PFIFO.matcher(normal);
        String error;
        if (m.matches()) {
            long limit = m.group(3) == null ? LocalQdisc.TUN_TX_QUEUE_LEN : Long.parseLong(m.group(3));
            error = qdisc.apply(m.group(1).equals("add") ? LocalQdisc.Op.ADD : LocalQdisc.Op.REPLACE,
                    (int) Math.min(limit, Integer.MAX_VALUE));
        } else if (TC_DELETE.matcher(normal).matches()) {
            error = qdisc.apply(LocalQdisc.Op.DELETE, 0);
        } else {
            throw new UnsupportedConstruct("shell command `" + cmd + "`", line);
        }
        if (error != null) {
            status = 2;
            failure = error;
        }
    }

    /**
     * {@code dd bs=N count=M if=/dev/zero of=PATH [status=none]}: a file of N * M zero bytes (dd
     * truncates its output without conv=notrunc). Any other operand or a size with a unit suffix
     * is UNSUPPORTED.
     */
    private FileOp dd(String cmd, String[] w) throws UnsupportedConstruct {
        long bs = -1;
        long count = -1;
        String in = null;
        String of = null;
        for (int i = 1; i < w.length; i++) {
            int eq = w[i].indexOf('=');
            String k = eq < 0 ? w[i] : w[i].substring(0, eq);
            String v = eq < 0 ? "" : w[i].substring(eq + 1);
            switch (k) {
                case "bs" -> bs = v.matches("[0-9]{1,9}") ? Long.parseLong(v) : -1;
                case "count" -> count = v.matches("[0-9]{1,9}") ? Long.parseLong(v) : -1;
                case "if" -> in = v;
                case "of" -> of = v;
                case "status" -> {
                    if (!v.equals("none") && !v.equals("noxfer")) {
                        throw new UnsupportedConstruct("shell command `" + cmd + "` (dd status=" + v + ")", line);
                    }
                }
                default -> throw new UnsupportedConstruct("shell command `" + cmd + "` (dd operand " + w[i] + ")", line);
            }
        }
        if (bs < 0 || count < 0 || !"/dev/zero".equals(in) || of == null || !PLAIN_PATH.matcher(of).matches()) {
            throw new UnsupportedConstruct("shell command `" + cmd + "` (only dd bs=N count=M if=/dev/zero of=PATH"
                    + " is read)", line);
        }
        return new FileOp(of, bs * count);
    }

    private void note(String n) {
        if (!notes.contains(n)) {
            notes.add(n);
        }
    }

    /** {@code a=b c="d e"} after {@code sysctl -q}. */
    private void sysctlAssignments(String text) throws UnsupportedConstruct {
        Matcher m = Pattern.compile("([A-Za-z0-9_./-]+)=(\"[^\"]*\"|'[^']*'|\\S+)").matcher(text);
        int end = 0;
        while (m.find()) {
            if (!text.substring(end, m.start()).isBlank()) {
                throw new UnsupportedConstruct("sysctl argument " + text.substring(end, m.start()).strip(), line);
            }
            String name = m.group(1).replace('/', '.');
            writes.add(new Write(name, arithmetic(unquote(m.group(2))), false));
            end = m.end();
        }
        if (!text.substring(end).isBlank()) {
            throw new UnsupportedConstruct("sysctl read or argument " + text.substring(end).strip(), line);
        }
    }

    private void procWrite(String path, String value) throws UnsupportedConstruct {
        value = arithmetic(value);
        if (path.startsWith("/proc/sys/")) {
            writes.add(new Write(path.substring("/proc/sys/".length()).replace('/', '.'), value, false));
        } else if (path.startsWith("/sys/module/")) {
            String[] p = path.substring("/sys/module/".length()).split("/");
            writes.add(new Write(p[0] + "." + p[p.length - 1], value, true));
        } else {
            throw new UnsupportedConstruct("write to " + path, line);
        }
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** Expands {@code $((15*1024*1024))} as the shell does (integer arithmetic). */
    static String arithmetic(String s) throws UnsupportedConstruct {
        Matcher m = ARITH.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Long.toString(new Arith(m.group(1)).value()));
        }
        m.appendTail(out);
        if (out.indexOf("$") >= 0) {
            throw new UnsupportedConstruct("shell expansion in " + s, 0);
        }
        return out.toString();
    }

    /** + - * / % and parentheses over integers. */
    private static final class Arith {
        private final String s;
        private int i;

        Arith(String s) {
            this.s = s.replaceAll("\\s+", "");
        }

        long value() throws UnsupportedConstruct {
            long v = sum();
            if (i != s.length()) {
                throw new UnsupportedConstruct("shell arithmetic $((" + s + "))", 0);
            }
            return v;
        }

        private long sum() throws UnsupportedConstruct {
            long v = product();
            while (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                char op = s.charAt(i++);
                long r = product();
                v = op == '+' ? v + r : v - r;
            }
            return v;
        }

        private long product() throws UnsupportedConstruct {
            long v = atom();
            while (i < s.length() && "*/%".indexOf(s.charAt(i)) >= 0) {
                char op = s.charAt(i++);
                long r = atom();
                if (op != '*' && r == 0) {
                    throw new UnsupportedConstruct("division by zero in $((" + s + "))", 0);
                }
                v = op == '*' ? v * r : op == '/' ? v / r : v % r;
            }
            return v;
        }

        private long atom() throws UnsupportedConstruct {
            if (i < s.length() && s.charAt(i) == '(') {
                i++;
                long v = sum();
                if (i >= s.length() || s.charAt(i) != ')') {
                    throw new UnsupportedConstruct("shell arithmetic $((" + s + "))", 0);
                }
                i++;
                return v;
            }
            if (i < s.length() && s.charAt(i) == '-') {
                i++;
                return -atom();
            }
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (start == i) {
                throw new UnsupportedConstruct("shell arithmetic $((" + s + "))".toLowerCase(Locale.ROOT), 0);
            }
            return Long.parseLong(s.substring(start, i));
        }
    }
}
