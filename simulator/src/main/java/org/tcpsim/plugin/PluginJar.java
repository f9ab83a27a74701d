package org.tcpsim.plugin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * One plugin jar: the classes its META-INF/services files list under the plugin API's interfaces,
 * instantiated the way {@link java.util.ServiceLoader} would, but with errors that name the jar,
 * the service file and the class.
 */
final class PluginJar {
    /** A plugin instance and its kind. */
    record Loaded(PluginKind kind, Object plugin) {
    }

    /** Internal interfaces a jar might list by mistake (they are not the plugin API). */
    private static final List<String> NOT_API = List.of("org.tcpsim.app.WorkloadType", "org.tcpsim.net.loss.LossModelType",
            "org.tcpsim.tcp.congestion.CongestionControlType");

    private PluginJar() {
    }

    static List<Loaded> open(Path jar) {
        List<String[]> listed = new ArrayList<>(); // kind ordinal, class name
        List<String> internal = new ArrayList<>();
        try (JarFile f = new JarFile(jar.toFile())) {
            for (PluginKind kind : PluginKind.values()) {
                for (String cls : services(f, kind.service())) {
                    listed.add(new String[] {kind.name(), cls});
                }
            }
            for (String service : NOT_API) {
                if (f.getJarEntry("META-INF/services/" + service) != null) {
                    internal.add(service);
                }
            }
        } catch (IOException e) {
            throw new PluginException(jar + " is not a plugin jar: cannot read it as a jar (" + e.getMessage() + ")");
        }
        if (listed.isEmpty()) {
            StringBuilder services = new StringBuilder();
            for (PluginKind k : PluginKind.values()) {
                services.append(services.length() == 0 ? "" : ", ").append(k.service());
            }
            throw new PluginException(jar + " is not a tcpsim plugin: it lists no class in META-INF/services/ under "
                    + services + (internal.isEmpty() ? "" : " (it lists " + String.join(", ", internal)
                    + ": those are the simulator's internal types, not the plugin API)"));
        }
        URLClassLoader loader;
        try {
            loader = new PluginClassLoader(jar, jar.toUri().toURL(), PluginJar.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new PluginException(jar + ": " + e.getMessage());
        }
        List<Loaded> out = new ArrayList<>();
        for (String[] l : listed) {
            PluginKind kind = PluginKind.valueOf(l[0]);
            out.add(new Loaded(kind, instantiate(jar, kind, l[1], loader)));
        }
        return out;
    }

    /** SHA-256 of the jar's bytes, hex (the first 16 digits). */
    static String sha256(Path jar) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(java.nio.file.Files.readAllBytes(jar));
            return java.util.HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (IOException e) {
            throw new PluginException(jar + ": cannot read it: " + e.getMessage());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The class names a services file lists ('#' comments, blank lines ignored). */
    private static List<String> services(JarFile f, String service) throws IOException {
        JarEntry e = f.getJarEntry("META-INF/services/" + service);
        List<String> out = new ArrayList<>();
        if (e == null) {
            return out;
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(f.getInputStream(e), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                int hash = line.indexOf('#');
                String cls = (hash >= 0 ? line.substring(0, hash) : line).trim();
                if (!cls.isEmpty()) {
                    out.add(cls);
                }
            }
        }
        return out;
    }

    private static Object instantiate(Path jar, PluginKind kind, String cls, ClassLoader loader) {
        String where = jar + ": " + cls + " (listed in META-INF/services/" + kind.service() + ")";
        Class<?> c;
        try {
            c = Class.forName(cls, false, loader);
        } catch (ClassNotFoundException e) {
            throw new PluginException(where + " is missing from the jar");
        } catch (LinkageError e) {
            throw new PluginException(where + " cannot be loaded: " + e);
        }
        Class<?> service;
        try {
            service = Class.forName(kind.service(), false, PluginJar.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        if (!service.isAssignableFrom(c)) {
            throw new PluginException(where + " does not implement " + kind.service());
        }
        try {
            return c.getConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new PluginException(where + " has no public constructor without arguments");
        } catch (InvocationTargetException e) {
            throw new PluginException(where + " threw while it was created: " + e.getCause());
        } catch (InstantiationException e) {
            throw new PluginException(where + " is abstract");
        } catch (LinkageError e) {
            throw new PluginException(where + " cannot be created: " + e);
        }
    }
}
