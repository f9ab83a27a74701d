package org.tcpsim.packetdrill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.tcpsim.kernel.KernelVersion;

/**
 * The project's own conformance scripts: every {@code src/test/packetdrill/**}{@code /*.pkt} runs
 * through the runner and must PASS (each was first run on real Linux). A script under a folder
 * named {@code 4.9} runs on the 4.9 kernel profile; every other one on 6.18.
 */
class PacketdrillScriptsTest {
    static final Path DIR = Path.of("src/test/packetdrill");

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
        return scripts().stream().map(p -> DynamicTest.dynamicTest(DIR.relativize(p).toString(), p.toUri(), () -> {
            Outcome o = Packetdrill.run(p, p.toString(), kernelOf(p), null, false);
            assertEquals(Outcome.Status.PASS, o.status(), o.message());
        }));
    }
}
