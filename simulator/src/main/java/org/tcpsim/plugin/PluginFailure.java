package org.tcpsim.plugin;

/**
 * A plugin threw while a run was executing: the run fails (exit status 1) with this message,
 * which names the plugin, its jar and what it was doing, instead of a stack trace.
 */
final class PluginFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PluginFailure(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
