package org.tcpsim.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * JSON Pointers (RFC 6901): the addresses used by {@code sweep}, {@code --set} and every error
 * message. Pointers rather than dotted paths because sysctl names contain dots.
 */
public final class JsonPointers {

    private JsonPointers() {
    }

    /** Escapes one reference token: {@code ~} becomes {@code ~0} and {@code /} becomes {@code ~1}. */
    public static String escape(String segment) {
        if (segment.indexOf('~') < 0 && segment.indexOf('/') < 0) {
            return segment;
        }
        return segment.replace("~", "~0").replace("/", "~1");
    }

    /**
     * The unescaped reference tokens of a pointer; "" (the whole document) has none.
     *
     * @throws IllegalArgumentException if the pointer does not start with '/' or has a bad '~' escape
     */
    public static List<String> split(String pointer) {
        if (pointer.isEmpty()) {
            return List.of();
        }
        if (pointer.charAt(0) != '/') {
            throw new IllegalArgumentException("invalid JSON Pointer \"" + pointer
                    + "\": it must be empty or start with '/', e.g. \"/hosts/client/sysctl/net.core.somaxconn\"");
        }
        List<String> segments = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            segments.add(unescape(raw, pointer));
        }
        return segments;
    }

    private static String unescape(String raw, String pointer) {
        if (raw.indexOf('~') < 0) {
            return raw;
        }
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '~') {
                sb.append(c);
                continue;
            }
            char next = i + 1 < raw.length() ? raw.charAt(i + 1) : 0;
            if (next == '0') {
                sb.append('~');
            } else if (next == '1') {
                sb.append('/');
            } else {
                throw new IllegalArgumentException("invalid JSON Pointer \"" + pointer + "\": in segment '" + raw
                        + "', '~' must be followed by 0 (for '~') or 1 (for '/')");
            }
            i++;
        }
        return sb.toString();
    }

    /** The pointer made of these (unescaped) tokens; the inverse of {@link #split}. */
    public static String join(List<String> segments) {
        StringBuilder sb = new StringBuilder();
        for (String s : segments) {
            sb.append('/').append(escape(s));
        }
        return sb.toString();
    }

    /** The pointer of member {@code key} of the object at {@code pointer}. */
    public static String child(String pointer, String key) {
        return pointer + "/" + escape(key);
    }

    /** The pointer of element {@code i} of the array at {@code pointer}. */
    public static String index(String pointer, int i) {
        if (i < 0) {
            throw new IllegalArgumentException("array index must not be negative: " + i);
        }
        return pointer + "/" + i;
    }

    /** The pointer one level up; the parent of "" is "". */
    public static String parent(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash <= 0 ? "" : pointer.substring(0, slash);
    }

    /**
     * The value at {@code pointer}, or empty if there is none (a JSON null is present, not empty).
     *
     * @throws IllegalArgumentException if the pointer is malformed
     */
    public static Optional<JsonNode> get(JsonNode root, String pointer) {
        JsonNode node = root;
        for (String segment : split(pointer)) {
            if (node.isObject()) {
                node = node.get(segment);
            } else if (node.isArray()) {
                int i = arrayIndex(segment);
                node = i >= 0 && i < node.size() ? node.get(i) : null;
            } else {
                node = null;
            }
            if (node == null) {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }

    /**
     * Sets the value at {@code pointer}, like JSON Patch "add"/"replace": missing intermediate
     * members are created as objects and an existing value is replaced. An array index must
     * already exist, except a final "-", which appends.
     *
     * @throws IllegalArgumentException naming the first segment that cannot be followed, and why
     */
    public static void set(ObjectNode root, String pointer, JsonNode value) {
        List<String> segments = split(pointer);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("cannot set the empty pointer \"\": it names the whole document;"
                    + " name a member, e.g. \"/duration\"");
        }
        JsonNode node = root;
        List<String> walked = new ArrayList<>();
        for (int k = 0; k < segments.size(); k++) {
            String segment = segments.get(k);
            boolean last = k == segments.size() - 1;
            String here = join(walked);
            walked.add(segment);
            if (node instanceof ObjectNode object) {
                if (last) {
                    object.set(segment, value);
                    return;
                }
                JsonNode next = object.get(segment);
                if (next == null || next.isNull()) {
                    next = object.putObject(segment); // a JSON null is an absent value: build through it
                }
                node = next;
            } else if (node instanceof ArrayNode array) {
                if (last && segment.equals("-")) {
                    array.add(value);
                    return;
                }
                int i = checkedIndex(pointer, here, segment, array, last);
                if (last) {
                    array.set(i, value);
                    return;
                }
                node = array.get(i);
            } else {
                throw new IllegalArgumentException("cannot set " + pointer + ": segment '" + segment + "' cannot be "
                        + "followed because the value at " + display(here) + " is " + Describe.kind(node)
                        + ", not an object or array");
            }
        }
        throw new AssertionError("unreachable");
    }

    private static int checkedIndex(String pointer, String here, String segment, ArrayNode array, boolean last) {
        if (segment.equals("-")) {
            throw new IllegalArgumentException("cannot set " + pointer + ": segment '-' (append) is only allowed"
                    + " as the last segment");
        }
        int i = arrayIndex(segment);
        if (i < 0) {
            throw new IllegalArgumentException("cannot set " + pointer + ": segment '" + segment + "' is not an"
                    + " array index; the value at " + display(here) + " is an array, so use 0.." + (array.size() - 1)
                    + (last ? " or '-' to append" : ""));
        }
        if (i >= array.size()) {
            throw new IllegalArgumentException("cannot set " + pointer + ": index " + i + " is out of bounds; the"
                    + " array at " + display(here) + " has " + array.size() + " element" + (array.size() == 1 ? "" : "s")
                    + (last ? " (use '-' to append)" : ""));
        }
        return i;
    }

    /** RFC 6901 array index: "0" or digits without a leading zero; -1 when not one (or too big). */
    static int arrayIndex(String segment) {
        int n = segment.length();
        if (n == 0 || n > 9 || (n > 1 && segment.charAt(0) == '0')) {
            return -1;
        }
        for (int i = 0; i < n; i++) {
            if (segment.charAt(i) < '0' || segment.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(segment);
    }

    private static String display(String pointer) {
        return pointer.isEmpty() ? "the document root" : pointer;
    }
}
