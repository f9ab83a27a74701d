package org.tcpsim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link LocatingParser#parse} builds the tree without locations and {@link LocatedDocument} finds
 * them again only when a problem needs one: the tree must be the one the locating pass builds, and
 * a file the fast pass refuses must be reported exactly as the locating pass reports it.
 */
class LocatingParserFastPassTest {

    static Stream<Path> shippedFiles() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        return Stream.of("experiments", "topologies").flatMap(dir -> {
            try {
                return Files.list(root.resolve(dir)).filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("shippedFiles")
    void fastPassTreeEqualsLocatingPassTree(Path file) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        LocatingParser.Result fast = LocatingParser.parse(file.toString(), text);
        LocatingParser.Result located = LocatingParser.locations(file.toString(), text);
        assertEquals(located.root(), fast.root(), file.toString());
        assertTrue(fast.valueLocations().isEmpty(), "the fast pass records no locations");
        assertFalse(located.valueLocations().isEmpty());
    }

    @ParameterizedTest
    @MethodSource("shippedFiles")
    void locationsFoundLaterAreThoseOfTheLocatingPass(Path file) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        LocatedDocument doc = LocatedDocument.parse(file.toString(), text);
        LocatingParser.Result located = LocatingParser.locations(file.toString(), text);
        for (var e : located.valueLocations().entrySet()) {
            assertEquals(List.of(e.getValue()[0], e.getValue()[1]), List.of(doc.locate(e.getKey())[0], doc.locate(e.getKey())[1]),
                    file + " " + e.getKey());
        }
        for (var e : located.keyLocations().entrySet()) {
            int[] at = doc.locateKey(e.getKey());
            assertEquals(List.of(e.getValue()[0], e.getValue()[1]), List.of(at[0], at[1]), file + " key " + e.getKey());
        }
    }

    /** Each of these stops the fast pass; the problem must be the locating pass's, with its pointer and place. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\": 1,\n \"b\": {\"c\": 2, \"c\": 3}}",
        "{\"a\": [1, 2,\n \"\\ud800\"]}",
        "{\"a\": {\"\\udc00x\": 1}}",
        "{\"a\": [1, 2e999]}",
        "{\"a\": [1, 2,, 3]}",
        "{\"a\": 1} x",
        "",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    })
    void aRefusedFileIsReportedAsTheLocatingPassReportsIt(String text) {
        ConfigException viaParse = assertThrows(ConfigException.class, () -> LocatingParser.parse("f.json", text));
        ConfigException located = assertThrows(ConfigException.class, () -> LocatingParser.locations("f.json", text));
        assertEquals(located.problems(), viaParse.problems());
        assertFalse(viaParse.problems().isEmpty());
        assertTrue(viaParse.problems().stream().allMatch(p -> p.line() > 0), viaParse.problems().toString());
    }
}
