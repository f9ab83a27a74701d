package org.tcpsim.packetdrill;

/** The script failed against the model: packetdrill's die() with its message (FILE:LINE: ...). */
final class ScriptFailure extends RuntimeException {
    ScriptFailure(String message) {
        super(message, null, false, false);
    }
}
