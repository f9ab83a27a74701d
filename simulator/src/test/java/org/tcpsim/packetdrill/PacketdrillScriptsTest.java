package org.tcpsim.packetdrill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.tcpsim.kernel.KernelVersion;

/**
 * The project's own conformance scripts: every {@code src/test/packetdrill/**}{@code /*.pkt} runs
 * through the runner and must PASS (each was first run on real Linux). A script under a folder
 * named {@code 4.9} runs on the 4.9 kernel profile; every other one on 6.18. The scripts listed in
 * {@code known-differences.txt} (Linux passes them, tcpsim not yet) are reported as known
 * differences, with their reason and the runner's first difference: each must still not pass (one
 * that passes is taken off the list), and every entry must name a script.
 */
class PacketdrillScriptsTest {
    static final Path DIR = Path.of("src/test/packetdrill");
    static final Path KNOWN = DIR.resolve("known-differences.txt");

    /** known-differences.txt: script path (relative to DIR) -> why tcpsim differs. */
    static Map<String, String> knownDifferences() throws IOException {
        Map<String, String> known = new LinkedHashMap<>();
        if (!Files.isRegularFile(KNOWN)) {
            return known;
        }
        for (String line : Files.readAllLines(KNOWN)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            known.put(tab < 0 ? line.strip() : line.substring(0, tab), tab < 0 ? "" : line.substring(tab + 1));
        }
        return known;
    }

    static List<Path> scripts() throws IOException {
        if (!Files.isDirectory(DIR)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(DIR)) {
            return s.filter(p -> p.toString().endsWith(".pkt")).sorted().toList();
        }
    }

    static KernelVersion kernelOf(Path script) {
        for (Path part : DIR.relativize(script)) {
            if (part.toString().equals("4.9")) {
                return KernelVersion.V4_9;
            }
        }
        return KernelVersion.V6_18;
    }

    @TestFactory
    Stream<DynamicTest> every_project_script_passes() throws IOException {
        Map<String, String> known = knownDifferences();
        List<Path> all = scripts();
        Stream<DynamicTest> entries = known.keySet().stream().map(k -> DynamicTest.dynamicTest(
                "known-differences.txt names " + k, () -> assertTrue(Files.isRegularFile(DIR.resolve(k)),
                        "known-differences.txt lists " + k + ", which is not a script")));
        return Stream.concat(entries, all.stream().map(p -> {
            String rel = DIR.relativize(p).toString().replace('\\', '/');
            String why = known.get(rel);
            String name = why == null ? rel : "known difference: " + rel;
            return DynamicTest.dynamicTest(name, p.toUri(), () -> {
                Outcome o = Packetdrill.run(p, p.toString(), kernelOf(p), null, false);
                if (why == null) {
                    assertEquals(Outcome.Status.PASS, o.status(), o.message());
                    return;
                }
                System.out.println("known difference: " + rel + ": " + why + "\n    now: " + o.status() + " "
                        + o.firstLine());
                assertNotEquals(Outcome.Status.PASS, o.status(),
                        rel + " passes now: take it off " + KNOWN + " (listed: " + why + ")");
            });
        }));
    }
}
