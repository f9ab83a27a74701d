package org.tcpsim.plugin;

/**
 * Names the plugin jar behind a failed run. A congestion control's hooks and a loss model's
 * drop() are called from deep inside the TCP and link models, without a wrapper on each call (the
 * hot path), so the failure is traced afterwards: the first stack frame of a class a plugin's
 * loader defined gives the jar and the plugin's own method. The message stays one line.
 */
public final class PluginBlame {
    private PluginBlame() {
    }

    /**
     * @param failure what a run threw
     * @return its one-line description, with the plugin jar and method when plugin code threw it
     */
    public static String describe(Throwable failure) {
        if (failure instanceof PluginFailure) {
            return failure.getMessage();
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (StackTraceElement f : t.getStackTrace()) {
                String loader = f.getClassLoaderName();
                if (loader != null && loader.startsWith(PluginClassLoader.NAME_PREFIX)) {
                    String where = f.getClassName() + "." + f.getMethodName()
                            + (f.getFileName() == null ? "" : "(" + f.getFileName()
                            + (f.getLineNumber() > 0 ? ":" + f.getLineNumber() : "") + ")");
                    return failure + " (thrown in plugin code from "
                            + loader.substring(PluginClassLoader.NAME_PREFIX.length()) + ", at " + where + ")";
                }
            }
        }
        return String.valueOf(failure);
    }
}
