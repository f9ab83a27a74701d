package org.tcpsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The inputs that broke tcpsim when the shipped experiments were fuzzed (issue 12; the minimal files are
 * in src/test/resources/fuzz-findings/, copied from the team's findings). Each is now either refused at
 * validation with a located message (exit 2, nothing written) or run to its end (exit 0).
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class FuzzFindingsTest {
    /**
     * A finding refused at validation.
     *
     * @param pointer  where the message must point
     * @param expected what it must say
     */
    record Refused(String file, String pointer, String expected) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Refused> refused() {
        return Stream.of(
                new Refused("F01-validate-StackOverflowError-deep-nesting-C1.json", "/chart/reference/1/x/1/a",
                        "nested more than 64 levels deep"),
                new Refused("F02-validate-IllegalArgumentException-memory-below-one-page.json", "/hosts/client/memory",
                        "at least one page of memory"),
                new Refused("F03-validate-InvalidPathException-NUL-in-topology-path.json", "/topology",
                        "cannot use topology file \"a\\u0000b.json\": not a usable file path"),
                new Refused("F04-validate-no-location-invalid-UTF-8.json", "/", "not valid UTF-8 text: byte 0xc0"),
                new Refused("F05-validate-hang-sweep-without-size-cap.json", "/sweep",
                        "the sweep has 500000 points (200 x 50 x 50 values); at most 1000"),
                new Refused("F07-run-IllegalStateException-EADDRINUSE-two-probes-one-port.json", "/workloads/1/to",
                        "UDP port 9000 on server is already bound by workload 'probe-1' (EADDRINUSE)"),
                new Refused("F08-run-UnmappableCharacterException-lone-surrogate-name.json", "/workloads/0/name",
                        "not valid Unicode: it holds a lone surrogate \\ud800"),
                new Refused("F09-run-FileSystemException-name-too-long.json", "/name", "at most 200 characters"),
                new Refused("F11-run-hang-sample-interval-1ns.json", "/sample_interval",
                        "would write 2000000001 samples per run; at most 100000"),
                new Refused("F12-validate-accepted-kernel-with-trailing-space.json", "/hosts/sender/kernel",
                        "unknown kernel profile \"4.9 \""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedWithALocatedMessageAndNothingWritten(Refused c, @TempDir Path tmp) {
        Path file = finding(c.file());
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> { // F05 used to hang expanding its sweep
            Cli.Result v = Cli.run("validate", file.toString());
            assertEquals(2, v.status(), v.transcript());
            assertLocated(v.err(), file, c);
            Path out = tmp.resolve("out");
            for (String command : new String[] {"run", "sweep"}) {
                Cli.Result r = Cli.run(command, file.toString(), "--out", out.toString());
                assertEquals(2, r.status(), command + ": " + r.transcript());
                assertLocated(r.err(), file, c);
                assertFalse(Files.exists(out), command + " wrote " + out);
            }
        });
    }

    /** F01 overflowed the stack under the C1 compiler; a thread with a small stack stands in for it here. */
    @Test
    void deepNestingIsRefusedBeforeTheReaderRecursesDeeply(@TempDir Path tmp) throws InterruptedException {
        String deep = "{\"name\": \"deep\", \"x\": " + "[".repeat(5000) + "]".repeat(5000) + "}";
        Path file = Cli.write(tmp, "deep.json", deep);
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(Cli.run("validate", file.toString()));
            } catch (Throwable e) {
                result.set(e);
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        assertTrue(result.get() instanceof Cli.Result, "validate threw " + result.get());
        Cli.Result r = (Cli.Result) result.get();
        assertEquals(2, r.status(), r.transcript());
        assertTrue(r.err().contains(file + ":1:") && r.err().contains("nested more than 64 levels deep"), r.transcript());
    }

    /** F06: the flow's sending time ends before its handshake does: it sends nothing, closes, and the run goes on. */
    @Test
    void bulkDurationShorterThanTheHandshakeRunsToTheEnd(@TempDir Path tmp) {
        Path out = tmp.resolve("out");
        Cli.Result r = Cli.run("run", finding("F06-run-IllegalStateException-bulk-duration-shorter-than-handshake.json")
                .toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.transcript());
        CsvTable conns = CsvTable.read(out.resolve("bulkdur/run-s1/connections.csv"));
        assertEquals(1, conns.size());
        assertEquals("ok", conns.row(0).get("outcome"), "connected, sent nothing, closed: " + conns.row(0));
        assertEquals(0, conns.row(0).integer("bytes_sent"));
        CsvTable summary = CsvTable.read(out.resolve("bulkdur/summary.csv"));
        assertEquals(0, summary.row(0).integer("bulk.bytes"));
    }

    /**
     * F10: a TCP flow from a host to itself crosses lo, which costs CPU time per packet, so simulated time
     * advances and the run ends (it spun at 5 ms for good); the variant runs a bulk flow for 200 ms.
     */
    @Test
    void tcpFromAHostToItselfCrossesLoAndTheRunEnds(@TempDir Path tmp) {
        Path f10 = finding("F10-run-hang-tcp-over-loopback.json");
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            Path out = tmp.resolve("out");
            Cli.Result r = Cli.run("run", f10.toString(), "--out", out.toString());
            assertEquals(0, r.status(), r.transcript());
            CsvTable summary = CsvTable.read(out.resolve("loopdur/summary.csv"));
            assertTrue(summary.row(0).integer("bulk.bytes") > 0, "data crossed lo: " + summary.row(0));

            Path longer = Cli.write(tmp, "longer.json", Files.readString(f10)
                    .replace("\"duration\": \"5ms\"", "\"duration\": \"1s\"")
                    .replace("\"duration\": \"1ms\"", "\"duration\": \"200ms\""));
            Cli.Result r2 = Cli.run("run", longer.toString(), "--out", tmp.resolve("out2").toString());
            assertEquals(0, r2.status(), r2.transcript());
            CsvTable flows = CsvTable.read(tmp.resolve("out2/loopdur/run-s1/flows.csv"));
            double goodput = flows.row(0).number("goodput_bps");
            // one CPU's worth of lo: at best 65483 payload bytes per costNs(65535) (~17 Gbit/s)
            double ceiling = 65483 * 8e9 / org.tcpsim.net.Loopback.costNs(65535);
            assertTrue(goodput > 1e9 && goodput < ceiling, "goodput over lo " + goodput + " (ceiling " + ceiling + ")");
        });
    }

    private static void assertLocated(String err, Path file, Refused c) {
        Pattern located = Pattern.compile(Pattern.quote(file.toString()) + ":[0-9]+:[0-9]+: at "
                + Pattern.quote(c.pointer()) + "[^:]*: .*" + Pattern.quote(c.expected()) + ".*");
        assertTrue(err.lines().anyMatch(l -> located.matcher(l).matches()),
                "expected FILE:LINE:COLUMN: at " + c.pointer() + ": ..." + c.expected() + "... in:\n" + err);
        String said = err.replace(file.toString(), "FILE"); // the files' own names carry the exceptions they caused
        assertFalse(said.contains("Exception") || said.contains("\tat "), "no stack trace:\n" + err);
    }

    static Path finding(String name) {
        URL url = FuzzFindingsTest.class.getResource("/fuzz-findings/" + name);
        assertTrue(url != null, "missing test resource fuzz-findings/" + name);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
