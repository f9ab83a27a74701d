package org.tcpsim.packetdrill;

import java.nio.file.Path;
import java.util.List;
import org.tcpsim.packetdrill.Token.Kind;

/**
 * The tokens of one script and the position in them, with the small reads every part of the parser
 * shares (a character, a word, a number in range, a time) and its two kinds of error: "expected X,
 * found Y" at the current token, and a semantic check at a given one, both as FILE:LINE:COLUMN.
 */
final class TokenCursor {
    private final Path file;
    private final List<Token> tokens;
    private int pos;

    TokenCursor(Path file, List<Token> tokens) {
        this.file = file;
        this.tokens = tokens;
    }

    Path file() {
        return file;
    }

    /** Steps back over the token just taken (to report an error at it). */
    void back() {
        pos--;
    }

    void skip(int n) {
        pos += n;
    }

    Token peek() {
        return tokens.get(pos);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    Token take() {
        Token t = tokens.get(pos);
        if (!t.is(Kind.EOF)) {
            pos++;
        }
        return t;
    }

    ScriptSyntaxException expected(String what) {
        Token t = peek();
        return new ScriptSyntaxException(file, t.line(), t.column(), "expected " + what + ", found " + t.describe());
    }

    ScriptSyntaxException semantic(Token at, String message) {
        return new ScriptSyntaxException(file, at.line(), at.column(), message);
    }

    void expectChar(char c) throws ScriptSyntaxException {
        if (!peek().isChar(c)) {
            throw expected("'" + c + "'");
        }
        take();
    }

    void expectWord(String w) throws ScriptSyntaxException {
        if (!peek().isWord(w)) {
            throw expected("'" + w + "'");
        }
        take();
    }

    long integer(String what) throws ScriptSyntaxException {
        Token t = peek();
        if (t.is(Kind.INTEGER)) {
            take();
            return parseLong(t);
        }
        if (t.is(Kind.HEX_INTEGER)) {
            take();
            return Long.parseUnsignedLong(t.text().substring(2), 16);
        }
        throw expected(what);
    }

    long parseLong(Token t) throws ScriptSyntaxException {
        try {
            return Long.parseLong(t.text());
        } catch (NumberFormatException e) {
            throw semantic(t, "integer out of range: " + t.text());
        }
    }

    long u32(String what) throws ScriptSyntaxException {
        Token t = peek();
        long v = integer(what);
        if (v < 0 || v > 0xffffffffL) {
            throw semantic(t, what + " out of range");
        }
        return v;
    }

    long bounded(String what, long max) throws ScriptSyntaxException {
        Token t = peek();
        long v = integer(what);
        if (v < 0 || v > max) {
            throw semantic(t, what + " out of range");
        }
        return v;
    }

    /** Seconds as written, in microseconds (packetdrill truncates float seconds * 1e6). */
    long time() throws ScriptSyntaxException {
        Token t = peek();
        if (t.is(Kind.FLOAT)) {
            take();
            double secs = Double.parseDouble(t.text());
            if (secs < 0) {
                throw semantic(t, "negative time");
            }
            return (long) (secs * 1.0e6);
        }
        if (t.is(Kind.INTEGER)) {
            take();
            long secs = parseLong(t);
            if (secs < 0) {
                throw semantic(t, "negative time");
            }
            return secs * 1_000_000L;
        }
        throw expected("a time in seconds");
    }

    void expectEllipsis() throws ScriptSyntaxException {
        if (!peek().is(Kind.ELLIPSIS)) {
            throw expected("'...'");
        }
        take();
    }
}
