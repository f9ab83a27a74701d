package org.tcpsim.packetdrill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.tcpsim.kernel.KernelVersion;

/**
 * Segment-by-segment checks of model rules the upstream packetdrill suite demanded (PSH, TSO
 * bursts, MSG_MORE, MSG_EOR, ...): scripts of our own under src/test/resources/packetdrill-model,
 * each run first on Linux 6.18 with run-on-linux and passing there, must pass against the model.
 */
class ModelScriptsTest {
    private static final Path DIR = Path.of("src/test/resources/packetdrill-model");

    @TestFactory
    Stream<DynamicTest> each_rule_script_passes_as_it_does_on_linux() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".pkt")).sorted().toList().stream()
                    .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
                        Outcome o = Packetdrill.run(p, p.getFileName().toString(), KernelVersion.V6_18, null, false);
                        assertEquals(Outcome.Status.PASS, o.status(), o.message());
                    }));
        }
    }
}
