package org.tcpsim.packetdrill;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tcpsim.packetdrill.Token.Kind;

/**
 * Splits a packetdrill script into tokens by the rules of packetdrill's lexer.l: the longest match
 * wins, and among equally long matches the earlier rule (so {@code 0x10} is hex, {@code 10} an
 * integer and {@code 10ms} a word); {@code //} and C comments and whitespace separate tokens.
 * Positions are 1-based lines and columns, for FILE:LINE:COLUMN errors.
 */
final class Lexer {
    private final Path file;
    private final String src;
    private int pos;
    private int line = 1;
    private int lineStart;

    private Lexer(Path file, String src) {
        this.file = file;
        this.src = src;
    }

    static List<Token> tokens(Path file, String src) throws ScriptSyntaxException {
        Lexer lx = new Lexer(file, src);
        List<Token> out = new ArrayList<>();
        Token t;
        do {
            t = lx.next();
            out.add(t);
        } while (!t.is(Kind.EOF));
        return out;
    }

    private ScriptSyntaxException error(int l, int c, String message) {
        return new ScriptSyntaxException(file, l, c, message);
    }

    private char at(int i) {
        return i < src.length() ? src.charAt(i) : '\0';
    }

    private void advanceTo(int end) {
        for (int i = pos; i < end; i++) {
            if (src.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        pos = end;
    }

    private Token next() throws ScriptSyntaxException {
        skipSpaceAndComments();
        int l = line;
        int c = pos - lineStart + 1;
        if (pos >= src.length()) {
            return new Token(Kind.EOF, "", l, c);
        }
        char ch = src.charAt(pos);
        // candidates, longest wins; ties go to the earlier rule as in lexer.l
        int best = 0;
        Kind kind = null;
        int n;
        if ((n = ellipsis()) > best) {
            best = n;
            kind = Kind.ELLIPSIS;
        }
        if ((n = option()) > best) {
            best = n;
            kind = Kind.OPTION;
        }
        if ((n = floating()) > best) {
            best = n;
            kind = Kind.FLOAT;
        }
        if ((n = integer()) > best) {
            best = n;
            kind = Kind.INTEGER;
        }
        if ((n = hex()) > best) {
            best = n;
            kind = Kind.HEX_INTEGER;
        }
        if ((n = word()) > best) {
            best = n;
            kind = Kind.WORD;
        }
        if ((n = ipv4()) > best) {
            best = n;
            kind = Kind.IPV4_ADDR;
        }
        if ((n = ipv6()) > best) {
            best = n;
            kind = Kind.IPV6_ADDR;
        }
        if (ch == '"' || ch == '`') {
            int end = quoted(ch);
            if (end < 0) {
                throw error(l, c, "unterminated " + (ch == '"' ? "string" : "back-quoted command"));
            }
            if (end - pos > best) {
                String text = src.substring(pos + 1, end - 1);
                advanceTo(end);
                return new Token(ch == '"' ? Kind.STRING : Kind.BACK_QUOTED, text, l, c);
            }
        }
        if (ch == '%' && at(pos + 1) == '{') {
            int end = src.indexOf("}%", pos + 2);
            if (end < 0) {
                throw error(l, c, "unterminated %{ code block: expected }%");
            }
            String text = stripSpaceTab(src.substring(pos + 2, end));
            advanceTo(end + 2);
            return new Token(Kind.CODE, text, l, c);
        }
        if (kind == null) {
            advanceTo(pos + 1);
            return new Token(Kind.CHAR, String.valueOf(ch), l, c);
        }
        String text = src.substring(pos, pos + best);
        advanceTo(pos + best);
        if (kind == Kind.OPTION) {
            text = text.substring(2);
        }
        return new Token(kind, text, l, c);
    }

    private static String stripSpaceTab(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && (s.charAt(a) == ' ' || s.charAt(a) == '\t')) {
            a++;
        }
        while (b > a && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == '\t')) {
            b--;
        }
        return s.substring(a, b);
    }

    private void skipSpaceAndComments() throws ScriptSyntaxException {
        while (pos < src.length()) {
            char ch = src.charAt(pos);
            if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
                advanceTo(pos + 1);
            } else if (ch == '/' && at(pos + 1) == '/') {
                int end = src.indexOf('\n', pos);
                advanceTo(end < 0 ? src.length() : end + 1);
            } else if (ch == '/' && at(pos + 1) == '*') {
                int end = src.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw error(line, pos - lineStart + 1, "unterminated comment: expected */");
                }
                advanceTo(end + 2);
            } else {
                return;
            }
        }
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean wordChar(char c) {
        return digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean hexDigit(char c) {
        return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private int ellipsis() {
        return src.startsWith("...", pos) ? 3 : 0;
    }

    private int option() {
        if (!src.startsWith("--", pos)) {
            return 0;
        }
        int i = pos + 2;
        while (wordChar(at(i))) {
            i++;
        }
        return i > pos + 2 ? i - pos : 0;
    }

    /** [-]?[0-9]*[.][0-9]+ */
    private int floating() {
        int i = pos;
        if (at(i) == '-') {
            i++;
        }
        while (digit(at(i))) {
            i++;
        }
        if (at(i) != '.' || !digit(at(i + 1))) {
            return 0;
        }
        i++;
        while (digit(at(i))) {
            i++;
        }
        return i - pos;
    }

    /** [-]?[0-9]+ */
    private int integer() {
        int i = pos;
        if (at(i) == '-') {
            i++;
        }
        int digits = i;
        while (digit(at(i))) {
            i++;
        }
        return i > digits ? i - pos : 0;
    }

    /** 0x[0-9a-fA-F]+ */
    private int hex() {
        if (at(pos) != '0' || at(pos + 1) != 'x' || !hexDigit(at(pos + 2))) {
            return 0;
        }
        int i = pos + 2;
        while (hexDigit(at(i))) {
            i++;
        }
        return i - pos;
    }

    private int word() {
        int i = pos;
        while (wordChar(at(i))) {
            i++;
        }
        return i - pos;
    }

    /** [0-9]+[.][0-9]+[.][0-9]+[.][0-9]+ */
    private int ipv4() {
        int i = pos;
        for (int part = 0; part < 4; part++) {
            int start = i;
            while (digit(at(i))) {
                i++;
            }
            if (i == start) {
                return 0;
            }
            if (part < 3) {
                if (at(i) != '.') {
                    return 0;
                }
                i++;
            }
        }
        return i - pos;
    }

    /**
     * An IPv6 address, approximated: hex groups and colons with a "::" or all eight groups (so a
     * sequence range such as 1:1001 is never one).
     */
    private int ipv6() {
        int i = pos;
        int colons = 0;
        boolean doubleColon = false;
        while (hexDigit(at(i)) || at(i) == ':' || (at(i) == '.' && colons > 0 && digit(at(i + 1)))) {
            if (at(i) == ':') {
                colons++;
                doubleColon |= at(i + 1) == ':';
            }
            i++;
        }
        return doubleColon || colons == 7 ? i - pos : 0;
    }

    /** The end (exclusive) of a quoted token starting at pos, backslash escapes allowed; -1 if unterminated. */
    private int quoted(char q) {
        int i = pos + 1;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == q) {
                return i + 1;
            } else {
                i++;
            }
        }
        return -1;
    }
}
