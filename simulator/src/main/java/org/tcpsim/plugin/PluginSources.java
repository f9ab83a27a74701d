package org.tcpsim.plugin;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where a command finds plugin jars, in this order: every {@code --plugins DIR} (each jar in the
 * directory, or a jar named directly), every entry of {@code TCPSIM_PLUGINS} (a path list, ':'
 * separated as PATH is, of directories or jars), and {@code plugins/} beside each experiment file
 * the command reads. A jar reached twice is loaded once.
 */
public final class PluginSources {
    /** The environment variable. */
    public static final String ENV = "TCPSIM_PLUGINS";

    private PluginSources() {
    }

    /**
     * @param options     --plugins values
     * @param env         TCPSIM_PLUGINS, or null
     * @param experiments experiment files whose plugins/ directory counts (when it exists)
     * @throws PluginException for a --plugins or TCPSIM_PLUGINS entry that does not exist or is no jar
     */
    public static List<Path> jars(List<Path> options, String env, List<Path> experiments) {
        Set<Path> out = new LinkedHashSet<>();
        for (Path p : options) {
            add(out, p, "--plugins " + p);
        }
        if (env != null) {
            for (String entry : env.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    add(out, Path.of(entry.trim()), ENV + " entry " + entry.trim());
                }
            }
        }
        for (Path e : experiments) {
            Path parent = e.toAbsolutePath().getParent();
            Path dir = parent == null ? null : parent.resolve("plugins"); // none beside "/", which validate refuses
            if (dir != null && Files.isDirectory(dir)) {
                add(out, dir, "plugins/ beside " + e);
            }
        }
        return new ArrayList<>(out);
    }

    /** The message for a name no loaded plugin has: what is loaded, and where plugin jars come from. */
    public static String notLoaded(String kind, String name, java.util.Collection<String> available) {
        return "no " + kind + " named '" + name + "' is loaded; available: " + String.join(", ", available)
                + " (load a plugin jar with --plugins DIR, " + ENV + ", or plugins/ beside the experiment)";
    }

    private static void add(Set<Path> out, Path p, String what) {
        if (Files.isDirectory(p)) {
            try (Stream<Path> s = Files.list(p)) {
                s.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                        .sorted().forEach(f -> out.add(real(f)));
            } catch (IOException e) {
                throw new PluginException(what + ": cannot list the directory: " + e.getMessage());
            }
        } else if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar")) {
            out.add(real(p));
        } else if (Files.exists(p)) {
            throw new PluginException(what + ": expected a directory of plugin jars or a .jar file");
        } else {
            throw new PluginException(what + ": no such directory or jar");
        }
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
