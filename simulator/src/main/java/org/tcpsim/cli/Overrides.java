package org.tcpsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tcpsim.config.ConfigException;
import org.tcpsim.config.ConfigProblem;
import org.tcpsim.config.LocatedDocument;
import org.tcpsim.experiment.ExperimentFile;

/** `--set POINTER=VALUE` options: VALUE is JSON when the whole of it is one JSON value, else a string (see {@link #value}). */
final class Overrides {
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
            out.put(pointer, value(s, s.substring(eq + 1)));
        }
        return out;
    }

    /**
     * What the user means by VALUE: JSON when the whole text is one JSON value ({@code 1}, {@code true},
     * {@code [1, 2]}, {@code {"p": 0.1}}, {@code "10s"}), else the text as a string ({@code 10s},
     * {@code 1024 65535}: a number followed by more is Linux's vector syntax, not the number). Text that
     * opens an object, array or string but is not valid JSON is an error, not a string.
     */
    static JsonNode value(String option, String text) {
        String t = text.strip();
        boolean meantAsJson = t.startsWith("{") || t.startsWith("[") || t.startsWith("\"");
        try {
            return LocatedDocument.parse("--set " + option, text).root();
        } catch (ConfigException e) {
            if (meantAsJson) {
                throw new Main.BadInput("--set " + option + ": the value is not valid JSON: "
                        + e.problems().get(0).message() + " (quote the whole option for the shell, e.g. --set '"
                        + option.substring(0, option.indexOf('=') + 1) + "{\"p\": 0.1}')");
            }
            return TextNode.valueOf(text);
        }
    }

    /**
     * The same problems, with those at or under a --set pointer blamed on the option that wrote the
     * value ("--set /duration=2x: at /duration: ...") instead of on the file's line the value replaced.
     */
    static ConfigException blame(ConfigException e, Map<String, JsonNode> overrides, String file) {
        if (overrides.isEmpty()) {
            return e;
        }
        List<ConfigProblem> out = new ArrayList<>();
        for (ConfigProblem cp : e.problems()) {
            String by = null;
            for (Map.Entry<String, JsonNode> o : overrides.entrySet()) {
                String p = o.getKey();
                if (cp.file().equals(file) && (cp.pointer().equals(p) || cp.pointer().startsWith(p + "/"))) {
                    by = "--set " + p + "=" + (o.getValue().isTextual() ? o.getValue().asText() : o.getValue().toString());
                }
            }
            out.add(by == null ? cp : new ConfigProblem(by, cp.pointer(), 0, 0, cp.message()));
        }
        return new ConfigException(out);
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
