package org.tcpsim.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed JSON file that remembers where every value sits, so a problem found later
 * (after validation, a sweep or {@code --set}) can still be reported as FILE:LINE:COL.
 * Immutable as long as nobody mutates {@link #root()}; modify a deep copy and use {@link #withRoot}.
 */
public final class LocatedDocument {

    private final String file;
    private final Path baseDir;
    private final JsonNode root;
    private final Locations locations;

    private LocatedDocument(String file, Path baseDir, JsonNode root, Locations locations) {
        this.file = file;
        this.baseDir = baseDir;
        this.root = Objects.requireNonNull(root, "root");
        this.locations = locations;
    }

    /**
     * Where every value and key of the file is written, found by parsing its text again the first
     * time a problem needs a location: a file that loads without problems never pays for them.
     */
    private static final class Locations {
        private final String file;
        private final String text;
        private Map<String, int[]> values;
        private Map<String, int[]> keys;

        Locations(String file, String text) {
            this.file = file;
            this.text = text;
        }

        synchronized Map<String, int[]> values() {
            load();
            return values;
        }

        synchronized Map<String, int[]> keys() {
            load();
            return keys;
        }

        private void load() {
            if (values != null) {
                return;
            }
            try {
                LocatingParser.Result r = LocatingParser.locations(file, text);
                values = r.valueLocations();
                keys = r.keyLocations();
            } catch (ConfigException e) { // the text parsed once without problems; it cannot fail the second time
                throw new IllegalStateException("a parsed file failed to parse again: " + e.getMessage(), e);
            }
        }
    }

    /** Largest file read: experiments and topologies are kilobytes; a cap keeps a stray huge file from costing gigabytes. */
    public static final long MAX_FILE_BYTES = 32L << 20;

    /** Reads and parses a UTF-8 file; problems name the file as given. */
    public static LocatedDocument parse(Path file) throws ConfigException {
        String name = file.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw unreadable(name, "this is a directory, not a JSON file");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw unreadable(name, "the file has " + size + " bytes; experiment and topology files may have at most "
                        + MAX_FILE_BYTES + " (32 MiB)");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw unreadable(name, "file not found");
        } catch (AccessDeniedException e) {
            throw unreadable(name, "permission denied");
        } catch (IOException e) {
            throw unreadable(name, "cannot read the file" + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        Path parent = file.getParent();
        return parse(name, parent == null ? Path.of("") : parent, Utf8Text.decode(name, bytes));
    }

    /** Parses text that did not come from a file (a test, --set, stdin); relative paths resolve from the cwd. */
    public static LocatedDocument parse(String displayName, String content) throws ConfigException {
        return parse(displayName, Path.of(""), content);
    }

    private static LocatedDocument parse(String name, Path baseDir, String content) throws ConfigException {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content; // editors' byte-order mark
        LocatingParser.Result r = LocatingParser.parse(name, text);
        return new LocatedDocument(name, baseDir, r.root(), new Locations(name, text));
    }

    private static ConfigException unreadable(String name, String why) {
        return ConfigException.of(new ConfigProblem(name, "", 0, 0, why));
    }

    public JsonNode root() {
        return root;
    }

    /** The file's name as the user gave it, used in every message. */
    public String file() {
        return file;
    }

    /** The directory relative paths inside this file (e.g. a topology file) are resolved against. */
    public Path baseDir() {
        return baseDir;
    }

    /** The same file and locations over a different tree (e.g. one sweep point's modified copy). */
    public LocatedDocument withRoot(JsonNode newRoot) {
        return new LocatedDocument(file, baseDir, newRoot, locations);
    }

    /**
     * {line, column} (1-based) where the value at {@code pointer} starts in the file; for a pointer
     * with no value in the file, the location of its nearest ancestor that has one.
     */
    public int[] locate(String pointer) {
        Map<String, int[]> valueLocations = locations.values();
        String p = pointer;
        while (true) {
            int[] at = valueLocations.get(p);
            if (at != null) {
                return at.clone();
            }
            if (p.isEmpty()) {
                return new int[] {1, 1};
            }
            p = JsonPointers.parent(p);
        }
    }

    /**
     * Where the key of the object member at {@code pointer} is written; falls back to {@link #locate}
     * for array elements, the root and values not in the file.
     */
    public int[] locateKey(String pointer) {
        int[] at = locations.keys().get(pointer);
        return at != null ? at.clone() : locate(pointer);
    }

    /** A problem about the member at {@code pointer}, located where its key is written. */
    public ConfigProblem problemAtKey(String pointer, String message) {
        int[] at = locateKey(pointer);
        return new ConfigProblem(file, pointer, at[0], at[1], message);
    }

    /** A problem at {@code pointer}, located in this file. */
    public ConfigProblem problemAt(String pointer, String message) {
        int[] at = locate(pointer);
        return new ConfigProblem(file, pointer, at[0], at[1], message);
    }
}
