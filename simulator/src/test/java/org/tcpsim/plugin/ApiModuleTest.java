package org.tcpsim.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tcpsim.api.congestion.CongestionControl;
import org.tcpsim.experiment.Experiment;

/**
 * The plugin API module holds only what plugins need: its classes (as compiled into the api jar
 * the simulator runs with) refer to nothing but the JDK and the API itself (no Jackson, nothing
 * of the engine), and the README's "Writing a plugin" lists exactly its public types.
 */
class ApiModuleTest {
    private static Map<String, byte[]> apiClasses() throws IOException {
        Map<String, byte[]> classes = ClassFiles.classesOf(CongestionControl.class, "org/tcpsim/api");
        assertTrue(classes.size() >= 30, "found the API's classes: " + classes.keySet());
        return classes;
    }

    @Test
    void the_api_refers_only_to_the_jdk_and_itself() throws IOException {
        TreeSet<String> outside = new TreeSet<>();
        for (Map.Entry<String, byte[]> c : apiClasses().entrySet()) {
            for (String ref : ClassFiles.references(c.getValue())) {
                if (!ref.startsWith("java/") && !ref.startsWith("org/tcpsim/api/")) {
                    outside.add(c.getKey() + " -> " + ref);
                }
            }
        }
        assertEquals(new TreeSet<String>(), outside, "the API module depends on nothing but the JDK");
    }

    @Test
    void the_scan_sees_types_that_appear_only_in_descriptors() throws IOException {
        byte[] experiment = ClassFiles.classesOf(Experiment.class, "org/tcpsim/experiment").get("org/tcpsim/experiment/Experiment");
        // Experiment's JsonNode json() is a field and accessor type: a descriptor, never a class constant it calls
        assertTrue(ClassFiles.references(experiment).contains("com/fasterxml/jackson/databind/JsonNode"));
    }

    @Test
    void the_readme_lists_exactly_the_public_types_of_the_api() throws IOException, ClassNotFoundException {
        Map<String, TreeSet<String>> compiled = new TreeMap<>();
        for (String name : apiClasses().keySet()) {
            if (name.endsWith("/package-info")) {
                continue;
            }
            Class<?> c = Class.forName(name.replace('/', '.'), false, CongestionControl.class.getClassLoader());
            if (Modifier.isPublic(c.getModifiers())) {
                compiled.computeIfAbsent(c.getPackageName(), k -> new TreeSet<>()).add(c.getName()
                        .substring(c.getPackageName().length() + 1).replace('$', '.'));
            }
        }
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int at = readme.indexOf("The API module's public types");
        assertTrue(at >= 0, "README: the API's public types are listed under Writing a plugin");
        Map<String, TreeSet<String>> listed = new TreeMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `(org\\.tcpsim\\.api[\\w.]*)` \\| (.*) \\|$").matcher(readme.substring(at));
        while (row.find()) {
            TreeSet<String> types = new TreeSet<>();
            Matcher t = Pattern.compile("`([\\w.]+)`").matcher(row.group(2));
            while (t.find()) {
                types.add(t.group(1));
            }
            listed.put(row.group(1), types);
        }
        assertEquals(compiled, listed, "README.md (Writing a plugin) lists the API's public types per package;"
                + " a type added to or removed from api/ goes into that table too");
    }
}
