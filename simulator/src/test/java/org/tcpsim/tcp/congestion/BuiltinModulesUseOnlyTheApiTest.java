package org.tcpsim.tcp.congestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.tcpsim.plugin.ClassFiles;

/**
 * The built-in reno and cubic are written against the plugin API like any third party's module:
 * every type the compiled classes of this package refer to (class constants, descriptors and
 * signatures) is the JDK's, the API's, or this package's own.
 */
class BuiltinModulesUseOnlyTheApiTest {
    @Test
    void reno_and_cubic_refer_only_to_the_jdk_the_api_and_each_other() throws IOException {
        Map<String, byte[]> classes = ClassFiles.classesOf(Cubic.class, "org/tcpsim/tcp/congestion");
        assertTrue(classes.keySet().containsAll(java.util.List.of("org/tcpsim/tcp/congestion/Reno",
                "org/tcpsim/tcp/congestion/Cubic")) && classes.size() >= 7, "found " + classes.keySet());
        TreeSet<String> outside = new TreeSet<>();
        for (Map.Entry<String, byte[]> c : classes.entrySet()) {
            for (String ref : ClassFiles.references(c.getValue())) {
                if (!(ref.startsWith("java/") || ref.startsWith("org/tcpsim/api/")
                        || ref.startsWith("org/tcpsim/tcp/congestion/"))) {
                    outside.add(c.getKey() + " -> " + ref);
                }
            }
        }
        assertEquals(new TreeSet<String>(), outside);
    }

    @Test
    void the_scan_sees_references_to_the_api() throws IOException {
        byte[] cubic = ClassFiles.classesOf(Cubic.class, "org/tcpsim/tcp/congestion").get("org/tcpsim/tcp/congestion/Cubic");
        assertTrue(ClassFiles.references(cubic).contains("org/tcpsim/api/congestion/TcpSock"), "the scan reads constant pools");
    }
}
