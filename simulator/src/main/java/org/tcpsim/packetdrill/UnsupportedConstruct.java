package org.tcpsim.packetdrill;

/**
 * A construct of packetdrill's language, or a call, option or command, that the model does not
 * run: the script is UNSUPPORTED (never PASS, never a crash), naming what and where.
 */
public final class UnsupportedConstruct extends Exception {
    private final String construct;
    private final int line;

    UnsupportedConstruct(String construct, int line) {
        super(construct);
        this.construct = construct;
        this.line = line;
    }

    public String construct() {
        return construct;
    }

    /** The script line, or 0 when the construct is not on one line (a command-line option). */
    public int line() {
        return line;
    }
}
