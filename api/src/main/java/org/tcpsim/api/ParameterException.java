package org.tcpsim.api;

/**
 * A plugin's answer to parameters it cannot accept: thrown from a type's {@code configure} method,
 * reported by the simulator at the JSON location of {@code parameter} (or of the plugin's object
 * when it is null) with exit status 2, like any other error in the experiment file.
 */
public class ParameterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The JSON key at fault, or null when the combination is. */
    private final String parameter;

    /**
     * @param parameter the JSON key at fault, or null for the whole object
     * @param message   what was expected, in the user's terms
     */
    public ParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /**
     * The key the message is about.
     *
     * @return the JSON key at fault, or null when the whole object is
     */
    public String parameter() {
        return parameter;
    }
}
