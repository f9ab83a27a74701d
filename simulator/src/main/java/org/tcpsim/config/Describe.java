package org.tcpsim.config;

import com.fasterxml.jackson.databind.JsonNode;

/** Renders user values inside messages: {@code 200 (a number)}, {@code "200" (a string)}, {@code an object}. */
final class Describe {

    private static final int MAX_SHOWN = 60; // long strings are cut so a message stays one readable line

    private Describe() {
    }

    /** What sort of JSON value this is, with its article: "a number", "an object", "null". */
    static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        switch (node.getNodeType()) {
            case OBJECT: return "an object";
            case ARRAY: return "an array";
            case STRING: return "a string";
            case NUMBER: return "a number";
            case BOOLEAN: return "a boolean";
            case NULL: return "null";
            default: return "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The value as the user wrote it plus its kind, e.g. {@code 200 (a number)}; containers by kind only. */
    static String value(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull() || node.isContainerNode()) {
            return kind(node);
        }
        if (node.isTextual()) {
            return quote(node.textValue()) + " (a string)";
        }
        return node.asText() + " (" + kind(node) + ")";
    }

    /** A string as JSON would show it, shortened if long. */
    static String quote(String text) {
        String shown = text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "..." : text;
        StringBuilder sb = new StringBuilder(shown.length() + 2).append('"');
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\t': sb.append("\\t"); break;
                case '\r': sb.append("\\r"); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }
}
