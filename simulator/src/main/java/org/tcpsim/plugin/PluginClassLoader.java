package org.tcpsim.plugin;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * The class loader of one plugin jar. A plugin sees the JDK (the platform class loader), the
 * plugin API (org.tcpsim.api, from the simulator's loader, so both sides share its interfaces)
 * and its own jar, nothing else: a plugin that uses the simulator's internals or a library it does
 * not ship fails with NoClassDefFoundError naming the missing class, instead of working by accident
 * with whatever the simulator's jar happens to contain. Its name carries the jar, so a failure in
 * plugin code can be traced to the jar from a stack frame ({@link PluginBlame}).
 */
final class PluginClassLoader extends URLClassLoader {
    /** Prefix of the loaders' names: the jar's path follows it. */
    static final String NAME_PREFIX = "tcpsim plugin ";

    private static final String API_PREFIX = "org.tcpsim.api.";

    private final ClassLoader simulator;

    PluginClassLoader(Path jar, URL url, ClassLoader simulator) {
        super(NAME_PREFIX + jar, new URL[] {url}, ClassLoader.getPlatformClassLoader());
        this.simulator = simulator;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(API_PREFIX)) {
            return simulator.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }
}
