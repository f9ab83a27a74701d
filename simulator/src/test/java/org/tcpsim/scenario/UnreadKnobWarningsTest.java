package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.tcpsim.experiment.ModelledSysctls;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.SysctlException;
import org.tcpsim.kernel.SysctlRegistry;
import org.tcpsim.kernel.SysctlSpec;
import org.tcpsim.kernel.SysctlType;
import org.tcpsim.kernel.Sysctls;
import org.tcpsim.net.NodeKind;

/**
 * Issue 12 item 4: a sysctl the model does not read is accepted, and `validate`, `run` and `sweep` say so
 * on stderr, one line per knob, never as an error; `tcpsim sysctls` shows which knobs are modelled.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class UnreadKnobWarningsTest {
    private static final String EXP = """
            {
              "name": "knobs",
              "duration": "1s",
              "sample_interval": "0s",
              "topology": {
                "nodes": [
                  {"name": "c", "kind": "host", "address": "192.168.1.2"},
                  {"name": "nat", "kind": "nat", "address": "203.0.113.1", "inside": "192.168.1.1/24"},
                  {"name": "s", "kind": "host", "address": "198.51.100.10"}
                ],
                "links": [
                  {"a": "c", "b": "nat", "rate": "100Mbps", "delay": "1ms"},
                  {"a": "nat", "b": "s", "rate": "100Mbps", "delay": "1ms"}
                ]
              },
              "hosts": {
                "c": {"sysctl": {"net.ipv4.tcp_ecn": 1, "net.ipv4.tcp_tw_reuse": 1,
                                 "net.netfilter.nf_conntrack_max": 100}},
                "s": {"sysctl": {"net.ipv4.tcp_ecn": 0, "net.core.netdev_budget": 600}},
                "nat": {"sysctl": {"net.netfilter.nf_conntrack_max": 100}}
              },
              "workloads": [{"type": "bulk", "from": "c", "to": "s:5001", "bytes": "100KB"}],
              "sweep": {"/hosts/s/sysctl/net.ipv4.tcp_no_metrics_save": [0, 1]}
            }
            """;

    private static List<String> warnings(Cli.Result r) {
        return r.err().lines().filter(l -> l.startsWith("tcpsim: warning: ")).toList();
    }

    @Test
    void validateWarnsOncePerUnreadKnobWhereItIsFirstSetAndStaysValid(@TempDir Path tmp) {
        Path file = Cli.write(tmp, "knobs.json", EXP);
        Cli.Result r = Cli.run("validate", file.toString());
        assertEquals(0, r.status(), "a warning is never an error: " + r.transcript());
        List<String> w = warnings(r);
        assertEquals(4, w.size(), r.transcript());
        assertTrue(w.get(0).startsWith("tcpsim: warning: " + file + ":" + BadInputScenarioTest.lineColumn(EXP,
                "\"net.ipv4.tcp_ecn\": 1") + ": at /hosts/c/sysctl/net.ipv4.tcp_ecn: net.ipv4.tcp_ecn is accepted but"
                + " the model does not read it (set on c, s)"), w.get(0));
        assertTrue(w.get(1).contains("at /hosts/c/sysctl/net.netfilter.nf_conntrack_max: net.netfilter.nf_conntrack_max"
                + " is read only on nat nodes, so setting it on c changes nothing"), w.get(1));
        assertTrue(w.get(2).contains("/hosts/s/sysctl/net.core.netdev_budget: net.core.netdev_budget is accepted but"),
                w.get(2));
        assertTrue(w.get(3).contains(":" + BadInputScenarioTest.lineColumn(EXP, "\"/hosts/s/sysctl/net.ipv4.tcp_no_metrics_save\"")
                + ": at /sweep/~1hosts~1s~1sysctl~1net.ipv4.tcp_no_metrics_save: net.ipv4.tcp_no_metrics_save is accepted"), w.get(3));
        assertFalse(r.err().contains("tcp_tw_reuse"), "a modelled knob is not warned about");
    }

    @Test
    void runWarnsBeforeRunningIgnoresTheSweepAndNamesSetOptions(@TempDir Path tmp) {
        Path file = Cli.write(tmp, "knobs.json", EXP);
        Cli.Result r = Cli.run("run", file.toString(), "--out", tmp.resolve("out").toString(),
                "--set", "/hosts/s/sysctl/net.ipv4.tcp_autocorking=0");
        assertEquals(0, r.status(), r.transcript());
        List<String> w = warnings(r);
        assertEquals(4, w.size(), r.transcript());
        assertFalse(r.err().contains("tcp_no_metrics_save"), "run ignores the sweep, so its values are not set: " + r.err());
        assertTrue(w.get(3).startsWith("tcpsim: warning: --set /hosts/s/sysctl/net.ipv4.tcp_autocorking=0: at "
                + "/hosts/s/sysctl/net.ipv4.tcp_autocorking: net.ipv4.tcp_autocorking is accepted but"), w.get(3));

        Cli.Result sweep = Cli.run("sweep", file.toString(), "--out", tmp.resolve("out").toString(), "--jobs", "1");
        assertEquals(0, sweep.status(), sweep.transcript());
        assertEquals(4, warnings(sweep).size(), sweep.transcript());
        assertTrue(sweep.err().contains("net.ipv4.tcp_no_metrics_save is accepted"), sweep.transcript());
    }

    @Test
    void sysctlsShowsTheModelledColumnWithoutMarkdown() {
        Cli.Result r = Cli.run("sysctls");
        assertEquals(0, r.status(), r.transcript());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("net.ipv4.tcp_ecn ") && l.contains(" accepted, not read yet ")),
                r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("net.ipv4.tcp_tw_reuse ") && l.contains(" yes ")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("net.netfilter.nf_conntrack_max ")
                && l.contains(" yes (nat nodes) ")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("# sysctl") && l.contains("modelled")), r.out());
    }

    /**
     * What "not read" promises, checked: giving any unread knob another valid value leaves a run's results
     * byte for byte as they were (a bulk flow through a NAT: TCP, softnet, conntrack all built and used).
     */
    @Test
    void everyUnreadKnobChangesNothingInARun(@TempDir Path tmp) throws Exception {
        Path file = Cli.write(tmp, "plain.json", EXP.replace(",\n  \"sweep\": {\"/hosts/s/sysctl/net.ipv4.tcp_no_metrics_save\": [0, 1]}", "")
                .replaceAll("\"hosts\": \\{[^}]*}},[^}]*}},[^}]*}}\\s*},", "\"hosts\": {\"c\": {\"packets_per_second\": 100000}},"));
        Cli.Result base = Cli.run("run", file.toString(), "--out", tmp.resolve("base").toString());
        assertEquals(0, base.status(), base.transcript());
        String expected = outputs(tmp.resolve("base/knobs"));
        List<String> tried = new ArrayList<>();
        for (SysctlSpec spec : SysctlRegistry.linux().on(KernelVersion.V6_18)) {
            String other = spec.type() == SysctlType.STRING_CHOICE ? null : anotherValue(spec);
            if (other == null) {
                continue;
            }
            for (String node : new String[] {"c", "nat"}) {
                if (ModelledSysctls.readOn(node.equals("c") ? NodeKind.HOST : NodeKind.NAT, spec.name())) {
                    continue;
                }
                Path out = tmp.resolve("k" + tried.size());
                Cli.Result r = Cli.run("run", file.toString(), "--out", out.toString(),
                        "--set", "/hosts/" + node + "/sysctl/" + spec.name() + "=\"" + other + "\"");
                assertEquals(0, r.status(), r.transcript());
                String got = outputs(out.resolve("knobs"));
                assertEquals(expected, got,
                        spec.name() + " = " + other + " on " + node + " is said to be unread but changed the run");
                tried.add(spec.name());
            }
        }
        assertTrue(tried.size() >= 20, "enough unread knobs exercised: " + tried);
        assertTrue(tried.contains("net.ipv4.tcp_ecn") && tried.contains("net.netfilter.nf_conntrack_max"), tried.toString());
    }

    /** The one run's CSVs (summary.csv aside: it names the --set pointer in a column of its own). */
    private static String outputs(Path experimentOut) throws IOException {
        Path run;
        try (Stream<Path> dirs = Files.list(experimentOut)) {
            run = dirs.filter(d -> d.getFileName().toString().startsWith("run-")).findFirst().orElseThrow();
        }
        StringBuilder all = new StringBuilder();
        for (String f : new String[] {"connections.csv", "flows.csv", "counters.csv", "links.csv"}) {
            all.append(f).append('\n').append(Files.readString(run.resolve(f)));
        }
        return all.toString();
    }

    /** A valid value other than the default (the first of default + 1, default - 1, 0, 1 that Linux would take). */
    private static String anotherValue(SysctlSpec spec) {
        Sysctls d = Sysctls.defaults(KernelVersion.V6_18);
        String def = d.text(spec.name());
        List<String> candidates = new ArrayList<>();
        try {
            long v = Long.parseLong(def.strip());
            candidates.add(Long.toString(v + 1));
            candidates.add(Long.toString(v - 1));
        } catch (NumberFormatException e) {
            // a vector or a string: try the plain numbers below
        }
        candidates.add("0");
        candidates.add("1");
        for (String c : candidates) {
            if (c.equals(def)) {
                continue;
            }
            try {
                d.with(spec.name(), c);
                return c;
            } catch (SysctlException e) {
                // not a value Linux takes here; try the next
            }
        }
        return null;
    }
}
