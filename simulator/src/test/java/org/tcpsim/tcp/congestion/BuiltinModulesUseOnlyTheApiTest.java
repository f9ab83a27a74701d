package org.tcpsim.tcp.congestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The built-in reno and cubic are written against the plugin API like any third party's module:
 * every class the compiled classes of this package refer to (their constant pools) is the JDK's,
 * the API's, or this package's own.
 */
class BuiltinModulesUseOnlyTheApiTest {
    @Test
    void reno_and_cubic_refer_only_to_the_jdk_the_api_and_each_other() throws IOException, URISyntaxException {
        Path dir = Path.of(Cubic.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("org/tcpsim/tcp/congestion");
        List<Path> classes;
        try (Stream<Path> s = Files.list(dir)) {
            classes = s.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        assertTrue(classes.size() >= 7, "found " + classes);
        TreeSet<String> outside = new TreeSet<>();
        for (Path c : classes) {
            for (String ref : classRefs(c)) {
                String name = ref.replace('/', '.').replaceFirst("^\\[+L?", "").replace(";", "");
                if (!(name.startsWith("java.") || name.startsWith("org.tcpsim.api.")
                        || name.startsWith("org.tcpsim.tcp.congestion.") || name.length() == 1)) {
                    outside.add(c.getFileName() + " -> " + name);
                }
            }
        }
        assertEquals(new TreeSet<String>(), outside);
    }

    @Test
    void the_scan_sees_references_to_the_api() throws IOException, URISyntaxException {
        Path cubic = Path.of(Cubic.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("org/tcpsim/tcp/congestion/Cubic.class");
        assertTrue(classRefs(cubic).contains("org/tcpsim/api/congestion/TcpSock"), "the scan reads constant pools");
    }

    /** The CONSTANT_Class entries of a class file (JVMS 4.4). */
    static List<String> classRefs(Path classFile) throws IOException {
        try (InputStream in = Files.newInputStream(classFile); DataInputStream d = new DataInputStream(in)) {
            d.readInt(); // magic
            d.readUnsignedShort();
            d.readUnsignedShort();
            int count = d.readUnsignedShort();
            String[] utf8 = new String[count];
            List<Integer> classIndexes = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = d.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = d.readUTF();
                    case 7 -> classIndexes.add(d.readUnsignedShort());
                    case 8, 16, 19, 20 -> d.readUnsignedShort();
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> d.readInt();
                    case 15 -> {
                        d.readUnsignedByte();
                        d.readUnsignedShort();
                    }
                    case 5, 6 -> {
                        d.readLong();
                        i++; // eight-byte constants take two entries
                    }
                    default -> throw new IOException(classFile + ": constant pool tag " + tag);
                }
            }
            List<String> out = new ArrayList<>();
            for (int idx : classIndexes) {
                out.add(utf8[idx]);
            }
            return out;
        }
    }
}
