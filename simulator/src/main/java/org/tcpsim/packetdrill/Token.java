package org.tcpsim.packetdrill;

/** One token of a packetdrill script, with where it starts (1-based line and column). */
record Token(Kind kind, String text, int line, int column) {
    enum Kind {
        /** {@code --name}: a command-line option written in the script (text without the dashes). */
        OPTION,
        INTEGER,
        HEX_INTEGER,
        FLOAT,
        /** Letters, digits and underscores (keywords such as {@code ack} or {@code win} too). */
        WORD,
        /** A double-quoted string (text without the quotes). */
        STRING,
        /** A back-quoted shell command (text without the quotes). */
        BACK_QUOTED,
        /** A {@code %{ ... }%} code block (text inside, trimmed of spaces and tabs at both ends). */
        CODE,
        IPV4_ADDR,
        IPV6_ADDR,
        /** {@code ...} */
        ELLIPSIS,
        /** Any other single character. */
        CHAR,
        EOF
    }

    boolean is(Kind k) {
        return kind == k;
    }

    boolean isChar(char c) {
        return kind == Kind.CHAR && text.charAt(0) == c;
    }

    boolean isWord(String w) {
        return kind == Kind.WORD && text.equals(w);
    }

    /** How the token reads in an error message. */
    String describe() {
        return switch (kind) {
            case EOF -> "end of file";
            case STRING -> "\"" + text + "\"";
            case BACK_QUOTED -> "`" + text + "`";
            case CODE -> "%{ code }%";
            case OPTION -> "--" + text;
            default -> "'" + text + "'";
        };
    }
}
