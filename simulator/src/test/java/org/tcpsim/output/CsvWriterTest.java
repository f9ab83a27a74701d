package org.tcpsim.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvWriterTest {
    @TempDir Path dir;

    private String read(Path f) throws IOException {
        return Files.readString(f, StandardCharsets.UTF_8);
    }

    @Test
    void quotesOnlyWhenNeeded() throws IOException {
        Path f = dir.resolve("q.csv");
        try (CsvWriter w = new CsvWriter(f, List.of("a", "b,c"))) {
            w.text("plain").text(" spaced ").endRow();
            w.text("x,y").text("say \"hi\"").endRow();
            w.text("two\nlines").text("cr\r").endRow();
            w.text("").text(null).endRow();
        }
        assertEquals("a,\"b,c\"\n"
                + "plain, spaced \n"
                + "\"x,y\",\"say \"\"hi\"\"\"\n"
                + "\"two\nlines\",\"cr\r\"\n"
                + ",\n", read(f));
    }

    @Test
    void textWithANumberIsTheConcatenatedText() throws IOException {
        Path joined = dir.resolve("joined.csv");
        Path whole = dir.resolve("whole.csv");
        String[] texts = {"storm", "", "a,b", "say \"hi\"", "héllo"};
        long[] numbers = {0, 17, -5, Long.MIN_VALUE, Long.MAX_VALUE};
        try (CsvWriter j = new CsvWriter(joined, List.of("id", "n")); CsvWriter w = new CsvWriter(whole, List.of("id", "n"))) {
            for (String t : texts) {
                for (long n : numbers) {
                    j.text(t, '.', n).integer(n).endRow();
                    w.text(t + '.' + n).integer(n).endRow();
                }
            }
            j.text("x", ',', 3).integer(1).endRow(); // a separator that needs quotes
            w.text("x,3").integer(1).endRow();
        }
        assertEquals(read(whole), read(joined));
        assertEquals("id,n\nstorm.0,0\n", read(joined).substring(0, "id,n\nstorm.0,0\n".length()));
    }

    @Test
    void nonAsciiTextIsUtf8AsJavasEncoderWritesIt() throws IOException {
        Path f = dir.resolve("u.csv");
        String[] texts = {"h\u00e9llo", "\u4e2d,\"x\"", "\ud83d\ude00", "lone \ud83d here", "lone \ude00", "end \ud83d",
            "caf\u00e9\n"};
        StringBuilder expected = new StringBuilder("a,b\n");
        try (CsvWriter w = new CsvWriter(f, List.of("a", "b"))) {
            for (String t : texts) {
                w.text(t).text(t, '.', 7).endRow();
                expected.append(CsvWriterTest.quoted(t)).append(',').append(CsvWriterTest.quoted(t + ".7")).append('\n');
            }
        }
        // what an OutputStreamWriter in UTF-8 makes of the same characters: a lone surrogate becomes '?'
        assertArrayEquals(expected.toString().getBytes(StandardCharsets.UTF_8), Files.readAllBytes(f));
        assertEquals("\"\u4e2d,\"\"x\"\"\"", read(f).lines().skip(2).findFirst().orElseThrow().split(",\"\u4e2d")[0]);
    }

    private static String quoted(String s) {
        boolean q = s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r");
        return q ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    @Test
    void typedFields() throws IOException {
        Path f = dir.resolve("t.csv");
        try (CsvWriter w = new CsvWriter(f, List.of("i", "r", "s", "e"))) {
            w.integer(Long.MAX_VALUE).real(0.1).seconds(1_500_000_000L).empty().endRow();
            w.integer(Long.MIN_VALUE).real(Double.NaN).seconds(-1).empty().endRow();
            w.integer(0).real(-0.0).seconds(0).text("z").endRow();
        }
        assertEquals("i,r,s,e\n"
                + "9223372036854775807,0.1,1.5,\n"
                + "-9223372036854775808,,-0.000000001,\n"
                + "0,0,0,z\n", read(f));
    }

    @Test
    void rowConvenienceMapsTypes() throws IOException {
        Path f = dir.resolve("r.csv");
        try (CsvWriter w = new CsvWriter(f, List.of("a", "b", "c", "d", "e", "f", "g"))) {
            w.row("s,t", 42, 7L, 2.50, 1.0f / 3, null, new BigDecimal("1E+3"));
            w.row(true, (short) -1, (byte) 2, Double.POSITIVE_INFINITY, 1e-7, "", Thread.State.NEW);
        }
        assertEquals("a,b,c,d,e,f,g\n"
                + "\"s,t\",42,7,2.5,0.333333343267,,1000\n"
                + "true,-1,2,inf,1e-07,,NEW\n", read(f));
    }

    @Test
    void wrongFieldCountIsRejectedAndDiscarded() throws IOException {
        Path f = dir.resolve("c.csv");
        try (CsvWriter w = new CsvWriter(f, List.of("a", "b"))) {
            w.text("only one");
            IllegalStateException e = assertThrows(IllegalStateException.class, w::endRow);
            assertEquals("CSV row has 1 fields, header has 2", e.getMessage());
            assertThrows(IllegalStateException.class, () -> w.row(1, 2, 3));
            w.row(1, 2);
        }
        assertEquals("a,b\n1,2\n", read(f));
    }

    @Test
    void unfinishedRowAtCloseIsDroppedAndReported() throws IOException {
        Path f = dir.resolve("u.csv");
        CsvWriter w = new CsvWriter(f, List.of("a"));
        w.row("kept");
        w.text("dropped");
        assertThrows(IllegalStateException.class, w::close);
        assertEquals("a\nkept\n", read(f));
        w.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> w.text("x"));
    }

    @Test
    void writesUtf8WithUnixLineEnds() throws IOException {
        Path f = dir.resolve("u8.csv");
        try (CsvWriter w = new CsvWriter(f, List.of("host"))) {
            w.row("café→✓ 𝄞");
        }
        assertArrayEquals("host\ncafé→✓ 𝄞\n".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(f));
    }

    @Test
    void streamsManyRowsAndFlushesMidRow() throws IOException {
        Path f = dir.resolve("big.csv");
        String longText = "x".repeat(100_000); // one row larger than the buffer
        try (CsvWriter w = new CsvWriter(f, List.of("t_s", "v"))) {
            for (int i = 0; i < 200_000; i++) w.seconds(i * 1_000_000L).integer(i).endRow();
            w.text(longText);
            w.flush(); // complete rows out, partial row kept
            w.integer(-1).endRow();
        }
        List<String> lines = Files.readAllLines(f);
        assertEquals(200_002, lines.size());
        assertEquals("0.001,1", lines.get(2));
        assertEquals("199.999,199999", lines.get(200_000));
        assertEquals(longText + ",-1", lines.get(200_001));
    }

    @Test
    void rejectsEmptyHeader() {
        assertThrows(IllegalArgumentException.class, () -> new CsvWriter(dir.resolve("e.csv"), List.of()));
    }
}
