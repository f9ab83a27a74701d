package org.tcpsim.plugin;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.tcpsim.plugin.jarred.JarCongestionType;

/** Builds plugin jars for tests: the test plugin classes of package jarred, and the services files asked for. */
public final class TestJars {
    public static final String CC = "org.tcpsim.api.congestion.CongestionControlType";
    public static final String WORKLOAD = "org.tcpsim.api.workload.WorkloadType";
    public static final String LOSS = "org.tcpsim.api.loss.LossModelType";

    private TestJars() {
    }

    /** A jar at {@code jar} with every class of package jarred and one services file per entry of {@code services}. */
    public static Path build(Path jar, Map<String, List<String>> services) throws IOException {
        Path classes;
        try {
            classes = Path.of(JarCongestionType.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            Path pkg = classes.resolve("org/tcpsim/plugin/jarred");
            try (Stream<Path> s = Files.list(pkg)) {
                for (Path c : s.sorted().toList()) {
                    j.putNextEntry(new JarEntry(classes.relativize(c).toString().replace('\\', '/')));
                    j.write(Files.readAllBytes(c));
                    j.closeEntry();
                }
            }
            for (Map.Entry<String, List<String>> e : services.entrySet()) {
                j.putNextEntry(new JarEntry("META-INF/services/" + e.getKey()));
                j.write(("# test plugin\n" + String.join("\n", e.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
                j.closeEntry();
            }
        }
        return jar;
    }
}
