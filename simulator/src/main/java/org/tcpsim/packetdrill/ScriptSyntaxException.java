package org.tcpsim.packetdrill;

import java.nio.file.Path;

/** A script that does not parse: FILE:LINE:COLUMN and what was expected (exit status 2). */
public final class ScriptSyntaxException extends Exception {
    private final int line;
    private final int column;

    public ScriptSyntaxException(Path file, int line, int column, String message) {
        super(file + ":" + line + ":" + column + ": " + message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
