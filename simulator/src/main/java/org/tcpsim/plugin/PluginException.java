package org.tcpsim.plugin;

/**
 * A plugin set that cannot be loaded: a jar that is not a plugin, a class missing or of the wrong
 * kind, two plugins of one kind with one name, a plugin that throws while it registers. The
 * message names the jar and the class; the command exits with status 2 and no stack trace.
 */
public final class PluginException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PluginException(String message) {
        super(message, null, false, false);
    }
}
