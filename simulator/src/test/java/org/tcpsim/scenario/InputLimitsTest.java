package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * The limits that keep validation fast and small for any file, and refuse at validation what a run
 * could not do (the rules behind fuzz findings F01-F12, each met from another side).
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class InputLimitsTest {
    private static final String BASE = """
            {
              "name": "limits",
              "duration": "2s",
              "seeds": [1],
              "topology": {
                "nodes": [
                  {"name": "a", "kind": "host", "address": "10.0.0.1"},
                  {"name": "b", "kind": "host", "address": "10.0.0.2"}
                ],
                "links": [{"a": "a", "b": "b", "rate": "10Mbps", "delay": "1ms"}]
              },
              "workloads": [{"type": "server", "host": "b", "port": 80}]
            }
            """;

    private static Cli.Result validate(Path tmp, String text) {
        return Cli.run("validate", Cli.write(tmp, "e.json", text).toString());
    }

    private static void assertRefused(Cli.Result r, String pointer, String words) {
        assertEquals(2, r.status(), r.transcript());
        assertTrue(r.err().lines().anyMatch(l -> l.matches(".*e\\.json:[0-9]+:[0-9]+: at " + pointer + ": .*")
                && l.contains(words)), "expected e.json:LINE:COL: at " + pointer + ": ..." + words + "... in " + r.transcript());
    }

    @Test
    void aSweepIsSizedFromItsListsNeverExpanded(@TempDir Path tmp) {
        StringJoiner values = new StringJoiner(", ");
        for (int i = 0; i < 1001; i++) {
            values.add("\"" + (i + 1) + "ms\"");
        }
        String sweep = ",\n  \"sweep\": {\"/topology/links/0/delay\": [" + values + "]}\n}";
        assertRefused(validate(tmp, BASE.strip().replaceAll("}$", "") + sweep), "/sweep",
                "the sweep has 1001 points (1001 values); at most 1000");

        StringJoiner seeds = new StringJoiner(", ");
        for (int i = 0; i < 101; i++) {
            seeds.add(Integer.toString(i));
        }
        String thousand = sweep.replace(", \"1001ms\"", "");
        Cli.Result runs = validate(tmp, BASE.replace("\"seeds\": [1]", "\"seeds\": [" + seeds + "]").strip()
                .replaceAll("}$", "") + thousand);
        assertRefused(runs, "/seeds", "the sweep has 1000 points x 101 seeds = 101000 runs; at most 100000 runs");

        StringJoiner pointers = new StringJoiner(", ");
        for (int i = 0; i < 65; i++) {
            pointers.add("\"/workloads/0/backlog" + i + "\": [1]");
        }
        assertRefused(validate(tmp, BASE.strip().replaceAll("}$", "") + ",\n  \"sweep\": {" + pointers + "}\n}"),
                "/sweep", "the sweep names 65 pointers; at most 64");
    }

    @Test
    void nodeNamesThatCannotNameAFileAreRefused(@TempDir Path tmp) {
        for (String bad : new String[] {"a/b", "..", "x".repeat(201), "tab\\there"}) {
            Cli.Result r = validate(tmp, BASE.replace("\"name\": \"a\"", "\"name\": \"" + bad + "\"")
                    .replace("{\"a\": \"a\"", "{\"a\": \"" + bad + "\""));
            assertRefused(r, "/topology/nodes/0/name", "names its files");
            assertFalse(r.err().contains("\t"), "control characters are printed escaped: " + r.transcript());
        }
        String longName = "é-" + "x".repeat(190);
        Cli.Result ok = validate(tmp, BASE.replace("\"name\": \"a\"", "\"name\": \"" + longName + "\"")
                .replace("{\"a\": \"a\"", "{\"a\": \"" + longName + "\""));
        assertEquals(0, ok.status(), "a long UTF-8 name within 200 bytes is fine: " + ok.transcript());
    }

    @Test
    void twoServersOnOnePortAreRefused(@TempDir Path tmp) {
        Cli.Result r = validate(tmp, BASE.replace("{\"type\": \"server\", \"host\": \"b\", \"port\": 80}",
                "{\"type\": \"server\", \"host\": \"b\", \"port\": 80},\n {\"type\": \"server\", \"host\": \"b\", \"port\": 80}"));
        assertRefused(r, "/workloads/1/port", "TCP port 80 on b is already bound by workload 'server-1' (EADDRINUSE)");
    }

    @Test
    void numbersBeyondADoubleAndTooManyValuesAreRefusedWhereTheyAre(@TempDir Path tmp) {
        assertRefused(validate(tmp, BASE.replace("\"seeds\": [1]", "\"seeds\": [1e400]")), "/seeds/0",
                "the number 1e400 is too large");

        StringBuilder huge = new StringBuilder("{\"name\": \"x\", \"v\": [");
        for (int i = 0; i < 2_000_001; i++) {
            huge.append(i == 0 ? "0" : ",0");
        }
        Cli.Result r = validate(tmp, huge.append("]}").toString());
        assertRefused(r, "/v/[0-9]+", "more than 2000000 JSON values");
    }

    @Test
    void filesAboveTheSizeCapAreNotRead(@TempDir Path tmp) throws Exception {
        Path big = tmp.resolve("big.json");
        try (var out = Files.newOutputStream(big)) {
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 33; i++) {
                out.write(spaces);
            }
            out.write("{}".getBytes());
        }
        Cli.Result r = Cli.run("validate", big.toString());
        assertEquals(2, r.status(), r.transcript());
        assertTrue(r.err().contains("big.json: at /: the file has 34603010 bytes; experiment and topology files may"
                + " have at most 33554432 (32 MiB)"), r.transcript());
    }

    @Test
    void longValuesAreCutInMessages(@TempDir Path tmp) {
        Cli.Result r = validate(tmp, BASE.replace("\"duration\": \"2s\"", "\"duration\": \"2s\", \"" + "k".repeat(40_000)
                + "\": 1"));
        assertEquals(2, r.status(), r.transcript());
        assertTrue(r.err().length() < 5000, "one readable line, not the 40 000-character key: " + r.err().length());
        assertTrue(r.err().contains("characters left out"), r.transcript());

        Cli.Result longer = validate(tmp, BASE.replace("\"duration\": \"2s\"", "\"duration\": \"2s\", \""
                + "k".repeat(60_000) + "\": 1"));
        assertEquals(2, longer.status(), longer.transcript());
        assertTrue(longer.err().contains("Name length (60000) exceeds the maximum allowed (50000)"), longer.transcript());
        assertFalse(longer.err().contains("StreamReadConstraints"), "no Java names: " + longer.transcript());
    }
}
