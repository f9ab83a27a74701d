package org.tcpsim.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which keys the model asked about in each object (by pointer), so that any other key can be
 * reported as unknown: typos must not be silently ignored.
 */
final class FieldUsage {

    private final Map<String, Set<String>> asked = new HashMap<>();

    void asked(String objectPointer, String key) {
        asked.computeIfAbsent(objectPointer, p -> new LinkedHashSet<>()).add(key);
    }

    /** Reports each member of {@code object} never asked about, at the place its key is written. */
    void reportUnknown(LocatedDocument doc, String objectPointer, JsonNode object, Problems sink) {
        Set<String> known = asked.getOrDefault(objectPointer, Set.of());
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                String pointer = JsonPointers.child(objectPointer, key);
                int[] at = doc.locateKey(pointer);
                sink.add(new ConfigProblem(doc.file(), pointer, at[0], at[1], message(key, known)));
            }
        }
    }

    static String message(String key, Collection<String> known) {
        if (known.isEmpty()) {
            return "unknown field '" + key + "' (this object takes no fields)";
        }
        String hint = Suggestions.closest(key, known).map(s -> ", did you mean '" + s + "'?").orElse("");
        return "unknown field '" + key + "'" + hint + " (expected one of: " + String.join(", ", known) + ")";
    }
}
