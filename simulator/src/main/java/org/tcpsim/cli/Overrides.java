package org.tcpsim.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tcpsim.experiment.ExperimentFile;

/** `--set POINTER=VALUE` options: VALUE is JSON if it parses as JSON (1, true, [1,2]), else a string ("10s"). */
final class Overrides {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Overrides() {
    }

    static Map<String, JsonNode> parse(List<String> sets) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq < 0) {
                throw new Main.BadInput("--set expects POINTER=VALUE, e.g. --set /duration=10s; got \"" + s + "\"");
            }
            String pointer = s.substring(0, eq);
            String bad = ExperimentFile.checkPointer(pointer);
            if (bad != null) {
                throw new Main.BadInput("--set " + s + ": " + bad);
            }
            out.put(pointer, value(s.substring(eq + 1)));
        }
        return out;
    }

    private static JsonNode value(String text) {
        try {
            JsonNode v = JSON.readTree(text);
            return v == null || v.isMissingNode() ? TextNode.valueOf(text) : v;
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }

    /** A short stable tag for a set of overrides, so runs with different --set values get different ids. */
    static String tag(Map<String, JsonNode> overrides) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            overrides.forEach((k, v) -> md.update((k + "=" + v + "\n").getBytes(StandardCharsets.UTF_8)));
            byte[] h = md.digest();
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                s.append(String.format("%02x", h[i]));
            }
            return s.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
