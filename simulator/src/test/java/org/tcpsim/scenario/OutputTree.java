package org.tcpsim.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reading a sweep's output directory the way a user's scripts would. */
final class OutputTree {
    private OutputTree() {
    }

    /** Every *.csv file under {@code dir}, by path relative to it ("p0-s1/links.csv"), with its text. */
    static Map<String, String> csvFiles(Path dir) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(f) && f.getFileName().toString().endsWith(".csv")) {
                    files.put(dir.relativize(f).toString().replace('\\', '/'),
                            Files.readString(f, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Names of the entries directly inside {@code dir}, sorted. */
    static List<String> entries(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
