package org.tcpsim.plugin;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads compiled classes for the tests that keep the plugin API apart from the simulator: which
 * types a class refers to, from its constant pool (JVMS 4.4), so no bytecode library is needed.
 */
public final class ClassFiles {
    /** A type in a descriptor or generic signature: Lorg/x/Y; or Lorg/x/Y<...>; */
    private static final Pattern DESCRIPTOR_TYPE = Pattern.compile("L([\\w/$]+)[;<]");

    private ClassFiles() {
    }

    /**
     * The bytes of every .class under {@code packagePath} (for example org/tcpsim/api) of the jar or
     * directory a class was loaded from, by binary name (org/tcpsim/api/Parameter).
     */
    public static Map<String, byte[]> classesOf(Class<?> anyLoaded, String packagePath) throws IOException {
        Path where;
        try {
            where = Path.of(anyLoaded.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        Map<String, byte[]> out = new TreeMap<>();
        if (Files.isDirectory(where)) {
            Path dir = where.resolve(packagePath);
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.filter(p -> p.toString().endsWith(".class")).toList()) {
                    String rel = where.relativize(p).toString().replace('\\', '/');
                    out.put(rel.substring(0, rel.length() - ".class".length()), Files.readAllBytes(p));
                }
            }
        } else {
            try (JarFile jar = new JarFile(where.toFile())) {
                for (JarEntry e : jar.stream().toList()) {
                    String n = e.getName();
                    if (n.startsWith(packagePath + "/") && n.endsWith(".class")) {
                        try (InputStream in = jar.getInputStream(e)) {
                            out.put(n.substring(0, n.length() - ".class".length()), in.readAllBytes());
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The binary names of the classes one class file refers to: class constants, and the types in descriptors and signatures. */
    public static Set<String> references(byte[] classFile) {
        try (DataInputStream d = new DataInputStream(new ByteArrayInputStream(classFile))) {
            d.readInt(); // magic
            d.readUnsignedShort();
            d.readUnsignedShort();
            int count = d.readUnsignedShort();
            String[] utf8 = new String[count];
            List<Integer> classIndexes = new ArrayList<>();
            Set<Integer> stringLiterals = new HashSet<>();
            for (int i = 1; i < count; i++) {
                int tag = d.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = d.readUTF();
                    case 7 -> classIndexes.add(d.readUnsignedShort());
                    case 8 -> stringLiterals.add(d.readUnsignedShort());
                    case 16, 19, 20 -> d.readUnsignedShort();
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> d.readInt();
                    case 15 -> {
                        d.readUnsignedByte();
                        d.readUnsignedShort();
                    }
                    case 5, 6 -> {
                        d.readLong();
                        i++; // eight-byte constants take two entries
                    }
                    default -> throw new IOException("constant pool tag " + tag);
                }
            }
            Set<String> out = new TreeSet<>();
            for (int idx : classIndexes) {
                String name = utf8[idx];
                if (name.startsWith("[")) {
                    Matcher m = DESCRIPTOR_TYPE.matcher(name);
                    while (m.find()) {
                        out.add(m.group(1));
                    }
                } else {
                    out.add(name);
                }
            }
            for (int i = 1; i < count; i++) {
                if (utf8[i] != null && !stringLiterals.contains(i)) {
                    Matcher m = DESCRIPTOR_TYPE.matcher(utf8[i]);
                    while (m.find()) {
                        out.add(m.group(1));
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
