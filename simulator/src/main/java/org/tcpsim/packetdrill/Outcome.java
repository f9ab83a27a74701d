package org.tcpsim.packetdrill;

import java.util.List;

/**
 * How one script ended.
 *
 * @param message for FAIL packetdrill's error output; for UNSUPPORTED the construct and where; for PASS empty
 * @param notes   what was accepted without an effect in the model (sysctls it does not read, ...), once each
 */
public record Outcome(Status status, String script, String message, List<String> notes) {
    public enum Status { PASS, FAIL, UNSUPPORTED }

    /** The first line of the message: the first difference, for a report. */
    public String firstLine() {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
