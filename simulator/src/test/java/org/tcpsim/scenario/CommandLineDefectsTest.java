package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * The command-line defects of issue 12, point 7 (and point 3): each as a user met it.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class CommandLineDefectsTest {
    private static final String STORM = """
            {
              "name": "set-range",
              "duration": "2s",
              "sample_interval": "0s",
              "topology": {
                "nodes": [
                  {"name": "client", "kind": "host", "address": "10.0.0.1"},
                  {"name": "server", "kind": "host", "address": "10.0.0.2"}
                ],
                "links": [{"a": "client", "b": "server", "rate": "1Gbps", "delay": "1ms"}]
              },
              "hosts": {"client": {"sysctl": {"net.ipv4.ip_local_port_range": "40000 40009"}}},
              "workloads": [
                {"type": "server", "host": "server", "port": 5001, "request_bytes": 100, "response_bytes": 100},
                {"type": "connect-storm", "from": "client", "to": "10.0.0.2:5001", "rate": "100/s",
                 "count": 50, "request_bytes": 100, "response_bytes": 100, "closer": "client"}
              ]
            }
            """;

    @Test
    void setWithASpaceSeparatedSysctlValueMeansTheWholeVectorNotItsFirstNumber(@TempDir Path tmp) throws IOException {
        Path file = Cli.write(tmp, "storm.json", STORM);
        Path out = tmp.resolve("out");
        Cli.Result r = Cli.run("run", file.toString(), "--out", out.toString(),
                "--set", "/hosts/client/sysctl/net.ipv4.ip_local_port_range=1024 65535");
        assertEquals(0, r.status(), r.transcript());
        Path runDir;
        try (var dirs = Files.list(out.resolve("set-range"))) {
            runDir = dirs.filter(d -> d.getFileName().toString().startsWith("run-")).findFirst().orElseThrow();
        }
        assertTrue(Files.readString(runDir.resolve("run.json")).contains("\"net.ipv4.ip_local_port_range\": \"1024 65535\""),
                "run.json records the range as set");
        // With the file's ten ports, 50 connects closed by the client in 0.5 s run out of ports; with the
        // range as set, every one gets a port (the bug read "1024 65535" as 1024 and failed validation).
        CsvTable conns = CsvTable.read(runDir.resolve("connections.csv"));
        assertEquals(50, conns.size());
        assertEquals(50, conns.rowsWhere(row -> row.get("outcome").equals("ok")).size(), r.transcript());
    }

    @Test
    void setValueThatOpensJsonButIsNotJsonIsAnErrorNotAString(@TempDir Path tmp) {
        Path file = Cli.write(tmp, "storm.json", STORM);
        Path out = tmp.resolve("out");
        Cli.Result r = Cli.run("run", file.toString(), "--out", out.toString(),
                "--set", "/topology/links/0/loss={\"model\": \"bernoulli\", \"p\": 0.1");
        assertEquals(2, r.status(), r.transcript());
        assertTrue(r.err().contains("--set /topology/links/0/loss=") && r.err().contains("not valid JSON"), r.transcript());
        assertFalse(Files.exists(out));
    }

    @Test
    void setValuesAreJsonOnlyWhenTheWholeTextIsOneJsonValue(@TempDir Path tmp) {
        Path file = Cli.write(tmp, "storm.json", STORM);
        Path out = tmp.resolve("out");
        // "2 s" is not one JSON value (the old reader took its 2 and asked for a unit): the string "2 s"
        Cli.Result r = Cli.run("run", file.toString(), "--out", out.toString(), "--set", "/duration=2 s");
        assertEquals(0, r.status(), r.transcript());
        Cli.Result bad = Cli.run("run", file.toString(), "--out", out.toString(), "--set", "/duration=2 parsecs");
        assertEquals(2, bad.status(), bad.transcript());
        assertTrue(bad.err().contains("\"2 parsecs\""), "the whole text reached the reader: " + bad.transcript());
        assertTrue(bad.err().startsWith("--set /duration=2 parsecs: at /duration: "),
                "blamed on the option, not on the file's line it replaced: " + bad.transcript());
        // a JSON string, quoted, is the string itself
        Cli.Result quoted = Cli.run("run", file.toString(), "--out", out.toString(), "--set", "/duration=\"1s\"");
        assertEquals(0, quoted.status(), quoted.transcript());
    }

    @Test
    void routersWithoutAddressesRunAsTheReadmeSays(@TempDir Path tmp) {
        String exp = """
                {
                  "name": "routers",
                  "duration": "2s",
                  "topology": {
                    "nodes": [
                      {"name": "a", "kind": "host", "address": "10.0.0.1"},
                      {"name": "r1", "kind": "router"},
                      {"name": "r2", "kind": "router"},
                      {"name": "b", "kind": "host", "address": "10.0.0.2"}
                    ],
                    "links": [
                      {"a": "a", "b": "r1", "rate": "10Mbps", "delay": "1ms"},
                      {"a": "r1", "b": "r2", "rate": "10Mbps", "delay": "1ms"},
                      {"a": "r2", "b": "b", "rate": "10Mbps", "delay": "1ms"}
                    ]
                  },
                  "workloads": [{"type": "probe", "from": "a", "to": "b:9000", "rate": "100/s"}]
                }
                """;
        Path file = Cli.write(tmp, "routers.json", exp);
        Path out = tmp.resolve("out");
        Cli.Result r = Cli.run("run", file.toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.transcript());
        CsvTable summary = CsvTable.read(out.resolve("routers/summary.csv"));
        assertEquals(100, summary.row(0).integer("probe.received"), "crossed both address-less routers");

        Path zero = Cli.write(tmp, "zero.json", exp.replace("{\"name\": \"r2\", \"kind\": \"router\"}",
                "{\"name\": \"r2\", \"kind\": \"router\", \"address\": \"0.0.0.0\"}"));
        Cli.Result bad = Cli.run("validate", zero.toString());
        assertEquals(2, bad.status(), bad.transcript());
        assertTrue(bad.err().contains("at /topology/nodes/2/address: 0.0.0.0 is the unspecified address"),
                bad.transcript());
    }

    @Test
    void topLevelHelpGivesEachCommandAWholeSentence() {
        Cli.Result r = Cli.run("--help");
        assertEquals(0, r.status(), r.transcript());
        List<String> entries = commandEntries(r.out());
        assertTrue(entries.size() >= 8, "every command is listed: " + r.out());
        for (String entry : entries) {
            assertTrue(entry.endsWith(".") || entry.endsWith(".)"), "cut mid-sentence: \"" + entry + "\"");
        }
    }

    @Test
    void sweepHelpShowsTheSlurmVariableNotNull() {
        Cli.Result r = Cli.run("sweep", "--help");
        assertEquals(0, r.status(), r.transcript());
        assertFalse(r.out().contains("null"), r.out());
        assertTrue(r.out().contains("${SLURM_ARRAY_TASK_ID}/8"), r.out());
    }

    @Test
    void mergeOffersOnlyWhatItUses() {
        Cli.Result r = Cli.run("merge", "--help");
        assertEquals(0, r.status(), r.transcript());
        assertFalse(r.out().contains("--pcap"), r.out());
        assertFalse(r.out().contains("--trace"), r.out());
        assertEquals(2, Cli.run("merge", "x.json", "--pcap").status(), "--pcap is no option of merge");
        for (String runs : List.of("run", "sweep")) {
            String help = Cli.run(runs, "--help").out();
            assertTrue(help.contains("--pcap") && help.contains("--trace"), runs + " keeps them: " + help);
        }
    }

    /** The "Commands:" section's entries, each with its wrapped continuation lines joined. */
    private static List<String> commandEntries(String help) {
        List<String> entries = new ArrayList<>();
        boolean in = false;
        for (String line : help.split("\n")) {
            if (line.startsWith("Commands:")) {
                in = true;
            } else if (in && line.matches("  \\S.*")) {
                entries.add(line.strip().replaceFirst("^\\S+\\s+", ""));
            } else if (in && line.matches("\\s{4,}\\S.*") && !entries.isEmpty()) {
                int last = entries.size() - 1;
                entries.set(last, entries.get(last) + " " + line.strip());
            }
        }
        return entries;
    }
}
