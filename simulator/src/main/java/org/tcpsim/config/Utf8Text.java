package org.tcpsim.config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding of a file's bytes: a byte that is not UTF-8 is reported at its line and column. */
final class Utf8Text {
    private Utf8Text() {
    }

    static String decode(String file, byte[] bytes) throws ConfigException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            int at = in.position(); // the decoder stops at the first byte of the bad sequence
            throw ConfigException.of(new ConfigProblem(file, "", line(bytes, at), column(bytes, at),
                    "the file is not valid UTF-8 text: byte 0x" + String.format("%02x", bytes[at] & 0xff)
                            + " at offset " + at + " (save it as UTF-8)"));
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** 1-based line of byte {@code at}. */
    private static int line(byte[] bytes, int at) {
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** 1-based column of byte {@code at}, in characters as an editor counts them (UTF-8 continuation bytes skipped). */
    private static int column(byte[] bytes, int at) {
        int start = at;
        while (start > 0 && bytes[start - 1] != '\n') {
            start--;
        }
        int column = 1;
        for (int i = start; i < at; i++) {
            if ((bytes[i] & 0xc0) != 0x80) {
                column++;
            }
        }
        return column;
    }
}
