package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * The command line fuzzed (issue 12, item 6): seeded random commands, options, JSON Pointers and values
 * around a small experiment. Whatever the arguments: exit 0 or 2 (1 only where a command may fail for
 * a reason outside the input), a message for 2, no stack trace, nothing written outside --out.
 * {@code -Dtcpsim.fuzz.commands=N} runs more; {@code -Dtcpsim.fuzz.seed=N} another stream.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class CommandLineFuzzTest {
    private static final long SEED = Long.getLong("tcpsim.fuzz.seed", 20261207L);
    private static final int COMMANDS = Integer.getInteger("tcpsim.fuzz.commands", 150);

    private static final String EXPERIMENT = """
            {
              "name": "cli-fuzz",
              "duration": "200ms",
              "seeds": [1, 2],
              "sample_interval": "50ms",
              "topology": {
                "nodes": [
                  {"name": "client", "kind": "host", "address": "10.0.0.1"},
                  {"name": "r", "kind": "router"},
                  {"name": "server", "kind": "host", "address": "10.0.0.2"}
                ],
                "links": [
                  {"a": "client", "b": "r", "rate": "100Mbps", "delay": "1ms"},
                  {"a": "r", "b": "server", "rate": "100Mbps", "delay": "1ms"}
                ]
              },
              "hosts": {"client": {"sysctl": {"net.ipv4.tcp_tw_reuse": 1}}},
              "workloads": [
                {"type": "server", "host": "server", "port": 80, "response_bytes": 1000},
                {"type": "connect-storm", "from": "client", "to": "10.0.0.2:80", "rate": "100/s", "closer": "client"},
                {"type": "probe", "from": "client", "to": "server:9000", "rate": "100/s"}
              ],
              "sweep": {"/workloads/1/rate": ["50/s", "100/s"]},
              "chart": {"x": "rate", "y": ["connect-storm.ok"]}
            }
            """;

    private static final String[] COMMANDS_ = {"run", "run", "run", "sweep", "sweep", "validate", "validate", "merge",
        "sysctls", "plugins", "plot", "help", "rnu", "--help", "-V"};
    private static final String[] OPTIONS = {"--out", "--set", "--set", "--set", "--seed", "--jobs", "--shard", "--trace",
        "--pcap", "--kernel", "--markdown", "--help", "-h", "-V", "--source", "--x", "--y", "--series", "--host", "-o",
        "--svg", "--bogus", "-", "--", "--set=", "--out="};
    private static final String[] VALUES = {"", "0", "-1", "1", "2", "2/8", "1/1", "0/0", "1/0", "3/2", "x/y", " 1/2",
        "states", "state", "pcap", "6.18", "4.9", "4.9 ", "summary", "timeseries", "rate", "connect-storm.ok",
        "99999999999999999999", "1e3", "NaN", "\u00e9", "\ud83d\ude00", "a\u0000b", "x".repeat(5000), "=", "==", "~",
        "-", "--", "/", "//", "a b"};
    private static final String[] POINTERS = {"/duration", "/seeds", "/seeds/0", "/name", "/sweep", "/sample_interval",
        "/workloads/0/port", "/workloads/1/rate", "/workloads/2/rate", "/workloads/-", "/workloads/9/rate",
        "/hosts/client/sysctl/net.ipv4.ip_local_port_range", "/hosts/client/sysctl/net.ipv4.tcp_ecn",
        "/hosts/server/sysctl/net.core.somaxconn", "/hosts/nobody/sysctl/x", "/topology/links/0/rate",
        "/topology/links/0/loss", "/topology/nodes/1/address", "/topology/nodes/0/name", "/a~2b", "/a~", "", "x",
        "/hosts/client/sysctl/net.ipv4.tcp_tw_reuse", "/workloads/0", "/topology"};
    private static final String[] SET_VALUES = {"1", "0", "-1", "true", "null", "[]", "{}", "[1,2]", "\"1s\"", "1s",
        "0s", "1ns", "1 2", "1024 65535", "{\"model\": \"bernoulli\", \"p\": 0.1}", "{\"model\"", "[1", "\"x",
        "0.5", "1e400", "99999999999999999999", "\"\\ud800\"", "\u00e9", "", "10.0.0.3", "2000/s"};

    @Test
    void randomCommandLinesAreAnsweredWell(@TempDir Path tmp) throws IOException {
        Path sandbox = tmp.resolve("sandbox");
        Path exp = Cli.write(sandbox, "exp.json", EXPERIMENT);
        Path out = sandbox.resolve("out");
        Set<String> cwdBefore = FuzzChecks.listing(Path.of(""), Path.of("target"));
        SplittableRandom random = new SplittableRandom(SEED);
        List<FuzzChecks.Finding> findings = new ArrayList<>();
        for (int i = 0; i < COMMANDS && findings.size() < 20; i++) {
            List<String> args = commandLine(random, exp, out, sandbox);
            String repro = "seed " + SEED + ", command " + i + ": tcpsim " + String.join(" ", args);
            Set<String> before = FuzzChecks.listing(sandbox, out);
            Set<Path> records = FuzzChecks.runRecords(out);
            Cli.Result r;
            try {
                r = FuzzChecks.run(60, 600, args.toArray(String[]::new)).result();
            } catch (FuzzChecks.Hung h) {
                findings.add(new FuzzChecks.Finding(h.getMessage(), repro, ""));
                break;
            }
            // merge exits 1 when runs of the sweep have no complete result (documented: it names them)
            Set<Integer> allowed = args.get(0).equals("merge") ? Set.of(0, 1, 2) : Set.of(0, 2);
            FuzzChecks.check(r, allowed, false, out, records, repro, findings);
            Set<String> after = FuzzChecks.listing(sandbox, out);
            if (!after.equals(before)) {
                findings.add(new FuzzChecks.Finding("wrote outside --out", repro, after.toString()));
                break;
            }
            if (random.nextInt(20) == 0) {
                FuzzChecks.delete(out);
            }
        }
        assertEquals(cwdBefore, FuzzChecks.listing(Path.of(""), Path.of("target")), "nothing written into the working directory");
        assertTrue(findings.isEmpty(), findings.size() + " findings (seed " + SEED + "):\n"
                + findings.stream().limit(10).map(Object::toString).reduce("", (a, b) -> a + b + "\n"));
    }

    /** A random command line that never writes outside {@code out}: commands that write get --out or a DIR in it. */
    private static List<String> commandLine(SplittableRandom random, Path exp, Path out, Path sandbox) {
        List<String> args = new ArrayList<>();
        String command = COMMANDS_[random.nextInt(COMMANDS_.length)];
        args.add(command);
        boolean writes = command.equals("run") || command.equals("sweep") || command.equals("merge");
        if (command.equals("plot")) {
            args.add(random.nextBoolean() ? out.resolve("cli-fuzz").toString() : out.resolve("nothing").toString());
            args.add("-o");
            args.add(out.resolve("chart").toString());
        } else if (!command.equals("help") && random.nextInt(8) > 0) {
            String[] files = {exp.toString(), exp.toString(), exp.toString(), sandbox.resolve("missing.json").toString(),
                sandbox.toString(), exp + "\u0000", "", "-"};
            args.add(files[random.nextInt(files.length)]);
        }
        int options = random.nextInt(5);
        for (int k = 0; k < options; k++) {
            String option = OPTIONS[random.nextInt(OPTIONS.length)];
            if (option.equals("--out") || option.equals("--out=") || option.equals("-o")) {
                continue; // the sandbox's --out is added below; another would write elsewhere
            }
            if (option.startsWith("--set")) {
                String value = POINTERS[random.nextInt(POINTERS.length)] + "=" + SET_VALUES[random.nextInt(SET_VALUES.length)];
                if (option.endsWith("=")) {
                    args.add("--set=" + value);
                } else {
                    args.add("--set");
                    args.add(random.nextInt(10) == 0 ? VALUES[random.nextInt(VALUES.length)] : value);
                }
                continue;
            }
            args.add(option);
            if (random.nextInt(3) > 0) {
                args.add(VALUES[random.nextInt(VALUES.length)]);
            }
        }
        if (writes && random.nextInt(10) > 0) {
            args.add("--out");
            args.add(out.toString());
        } else if (writes) {
            // no --out: the command must refuse or write under the default "out" of the cwd; the check
            // on the working directory catches the latter, so give it an --out after all
            args.add("--out=" + out);
        }
        if (command.equals("sweep")) {
            args.add("--jobs");
            args.add("1");
        }
        return args;
    }
}
