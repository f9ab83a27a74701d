package org.tcpsim.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a JsonNode tree from Jackson's token stream while recording where each value and each
 * object key starts, by JSON Pointer. (ObjectMapper.readTree forgets locations, so we build the tree.)
 *
 * <p>Locations are only read when a problem is reported, so {@link #parse} first builds the tree
 * without them (no pointer strings, no maps: for a 10 000-flow dumbbell that is 500 000 pointers and
 * about 35 MB kept for the whole run) and the document asks {@link #locations} for them the first
 * time it needs one. A file this fast pass refuses for any reason is parsed again with locations, so
 * every problem is reported exactly as the locating pass words and places it.
 */
final class LocatingParser {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION) // messages must not echo the whole file
            .build();
    private static final String TRAILING = "unexpected content after the end of the JSON document";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /**
     * Deepest nesting of objects and arrays a file may have. An experiment needs about 8 levels; the
     * reader recurses once per level, so a cap far below any thread's stack keeps a hostile file from
     * overflowing it (5000 levels did under the C1 compiler).
     */
    static final int MAX_DEPTH = 64;
    /** Most values (scalars, objects and arrays) a file may hold: the locations kept per value stay small. */
    static final int MAX_VALUES = 2_000_000;
    private static final Pattern START_MARKER = Pattern.compile(
            "expected close marker for (Object|Array) \\(start marker at \\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]\\)");
    private static final Pattern SOURCE = Pattern.compile("\\s*\\(?\\[Source: [^\\]]*\\]\\)?");
    private static final Pattern CONSTRAINT = Pattern.compile(", from `StreamReadConstraints\\.[A-Za-z]+\\(\\)`");
    private static final Pattern FEATURE_HINT = Pattern.compile(
            ":? ?(enable `[^`]*` to allow|\\(not recognized as one since Feature '[^']*' not enabled for parser\\))");

    /** The parse result: the tree and two pointer-to-{line, column} maps (empty when parsed without locations). */
    record Result(JsonNode root, Map<String, int[]> valueLocations, Map<String, int[]> keyLocations) {
    }

    private final String file;
    /** False in the fast pass: no pointers are built and nothing is recorded; any problem ends the pass. */
    private final boolean locate;
    private final Map<String, int[]> values = new HashMap<>();
    private final Map<String, int[]> keys = new HashMap<>();
    private final Problems duplicates = new Problems();
    private int depth;
    private int valueCount;

    private LocatingParser(String file, boolean locate) {
        this.file = file;
        this.locate = locate;
    }

    /** The tree, without locations; a file with any problem is parsed again with them and the problems thrown. */
    static Result parse(String file, String content) throws ConfigException {
        try {
            return new LocatingParser(file, false).run(content);
        } catch (ConfigException fastPassProblem) {
            return new LocatingParser(file, true).run(content); // throws the same problem, located
        }
    }

    /** The tree with its locations (the tree of a file {@link #parse} accepted is equal to the one it gave). */
    static Result locations(String file, String content) throws ConfigException {
        return new LocatingParser(file, true).run(content);
    }

    private Result run(String content) throws ConfigException {
        try (JsonParser p = FACTORY.createParser(content)) {
            JsonNode root;
            try {
                if (p.nextToken() == null) {
                    throw syntax(p.currentLocation(), "", "the file is empty; expected a JSON document such as {...}");
                }
                root = read(p, "");
            } catch (JsonProcessingException e) {
                // the parser's context names the value it was reading (or had just read) when it failed
                throw syntax(location(e, p), p.getParsingContext().pathAsPointer().toString(),
                        "invalid JSON: " + plain(e.getOriginalMessage()));
            } catch (Refused e) {
                throw syntax(e.at, e.pointer, e.getMessage());
            }
            try {
                if (p.nextToken() != null) {
                    throw syntax(p.currentTokenLocation(), "", TRAILING);
                }
            } catch (JsonProcessingException e) {
                throw syntax(location(e, p), "", TRAILING);
            }
            duplicates.throwIfAny();
            // read-only views, not copies: Map.copyOf of 500 000 locations (a 10 000-flow file) cost a second
            return new Result(root, Collections.unmodifiableMap(values), Collections.unmodifiableMap(keys));
        } catch (IOException e) { // cannot happen when reading from a String, but the API declares it
            throw syntax(null, "", "cannot read the JSON: " + e.getMessage());
        }
    }

    private JsonNode read(JsonParser p, String pointer) throws IOException {
        if (valueCount++ >= MAX_VALUES) {
            throw new Refused(p.currentTokenLocation(), pointer, "the file holds more than " + MAX_VALUES
                    + " JSON values; experiments and topologies are far smaller (split it or generate fewer values)");
        }
        if (locate) {
            values.put(pointer, position(p.currentTokenLocation()));
        }
        JsonToken token = p.currentToken();
        boolean container = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY;
        if (container && ++depth > MAX_DEPTH) {
            throw new Refused(p.currentTokenLocation(), pointer, "objects and arrays nested more than " + MAX_DEPTH
                    + " levels deep; an experiment needs fewer than 10");
        }
        JsonNode node = readValue(p, pointer);
        if (container) {
            depth--;
        }
        return node;
    }

    /** A well-formed file this reader will not take (too deep, too many values, text that is not Unicode). */
    private static final class Refused extends IOException {
        final JsonLocation at;
        final String pointer;

        Refused(JsonLocation at, String pointer, String message) {
            super(message, null);
            this.at = at;
            this.pointer = pointer;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // a verdict on the input, not a bug: no stack to capture
        }
    }

    /** Lone surrogates cannot be written as UTF-8 (run.json, CSV): refuse the text where it is read. */
    private static String unicode(JsonParser p, String pointer, String text, String what) throws Refused {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new Refused(p.currentTokenLocation(), pointer, what + " is not valid Unicode: it holds a lone"
                        + " surrogate \\u" + Integer.toHexString(c) + " (a \\uD800-\\uDFFF escape without its pair)");
            }
        }
        return text;
    }

    private JsonNode readValue(JsonParser p, String pointer) throws IOException {
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT:
                return readObject(p, pointer);
            case START_ARRAY:
                ArrayNode array = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(p, locate ? JsonPointers.index(pointer, array.size()) : null));
                }
                return array;
            case VALUE_STRING:
                return NODES.textNode(unicode(p, pointer, p.getText(), "this string"));
            case VALUE_NUMBER_INT:
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                double d = p.getDoubleValue();
                if (Double.isInfinite(d)) {
                    throw new Refused(p.currentTokenLocation(), pointer, "the number " + p.getText()
                            + " is too large (beyond a double's range)");
                }
                return NODES.numberNode(d); // as ObjectMapper.readTree does, so trees compare equal
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new IllegalStateException("unexpected token " + token); // the parser never yields others here
        }
    }

    private JsonNode readObject(JsonParser p, String pointer) throws IOException {
        ObjectNode object = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            String child = locate ? JsonPointers.child(pointer, key) : null;
            unicode(p, child, key, "this key");
            if (!locate) {
                p.nextToken();
                if (object.has(key)) {
                    throw new Refused(p.currentTokenLocation(), null, "duplicate key"); // the locating pass reports it
                }
                object.set(key, read(p, null));
                continue;
            }
            int[] keyAt = position(p.currentTokenLocation());
            p.nextToken();
            if (object.has(key)) {
                duplicates.add(new ConfigProblem(file, child, keyAt[0], keyAt[1], "duplicate key '" + key
                        + "' (first defined at line " + keys.get(child)[0] + ", column " + keys.get(child)[1] + ")"));
                p.skipChildren(); // keep the first definition and its locations
                continue;
            }
            keys.put(child, keyAt);
            object.set(key, read(p, child));
        }
        return object;
    }

    private ConfigException syntax(JsonLocation at, String pointer, String message) {
        int[] pos = at == null ? new int[] {0, 0} : position(at);
        Problems all = new Problems();
        duplicates.list().forEach(all::add); // duplicates seen before the syntax error are still worth showing
        all.add(new ConfigProblem(file, pointer == null ? "" : pointer, pos[0], pos[1], message)); // null: the fast pass
        return new ConfigException(all.list());
    }

    private static JsonLocation location(JsonProcessingException e, JsonParser p) {
        return e.getLocation() != null ? e.getLocation() : p == null ? null : p.currentLocation();
    }

    private static int[] position(JsonLocation at) {
        return new int[] {Math.max(at.getLineNr(), 1), Math.max(at.getColumnNr(), 1)};
    }

    /** Jackson's short description without its source dumps and Java feature names. */
    static String plain(String jackson) {
        if (jackson == null) {
            return "malformed document";
        }
        String s = jackson;
        Matcher m = START_MARKER.matcher(s);
        if (m.find()) {
            String close = m.group(1).equals("Object") ? "'}' to close the object" : "']' to close the array";
            s = m.replaceFirst("expected " + close + " that starts at line " + m.group(2) + ", column " + m.group(3));
        }
        s = SOURCE.matcher(s).replaceAll("");
        s = FEATURE_HINT.matcher(s).replaceAll("");
        s = CONSTRAINT.matcher(s).replaceAll("");
        if (s.contains("maybe a (non-standard) comment?")) {
            s += " (comments are not allowed in JSON)";
        }
        return s.strip();
    }
}
