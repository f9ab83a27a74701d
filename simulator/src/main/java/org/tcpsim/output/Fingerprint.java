package org.tcpsim.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@link RunRecord#getFingerprint() fingerprint} of a run: SHA-256 over the resolved
 * experiment in canonical form (object keys sorted, compact) and the seed. Key order in the
 * user's file does not change it; any value does.
 */
public final class Fingerprint {
    private Fingerprint() {}

    /** {@code "sha256:<64 hex digits>"}. */
    public static String of(JsonNode resolvedExperiment, long seed) {
        String text = Json.compact(canonical(resolvedExperiment)) + "\nseed=" + seed;
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder s = new StringBuilder("sha256:");
            for (byte b : d) s.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
            return s.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A copy of {@code n} with every object's keys in sorted order. */
    static JsonNode canonical(JsonNode n) {
        if (n == null) return JsonNodeFactory.instance.nullNode();
        if (n.isObject()) {
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(n.properties());
            entries.sort(Map.Entry.comparingByKey());
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> e : entries) o.set(e.getKey(), canonical(e.getValue()));
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            for (JsonNode x : n) a.add(canonical(x));
            return a;
        }
        return n;
    }
}
