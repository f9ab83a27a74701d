package org.tcpsim.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocatedDocumentTest {

    private static final String EXPERIMENT = String.join("\n",
            "{",
            "  \"name\": \"port-exhaustion\",",
            "  \"hosts\": {",
            "    \"client\": {\"sysctl\": {",
            "      \"net.ipv4.tcp_tw_reuse\": 1,",
            "      \"a/b\": \"slash\", \"m~n\": \"tilde\"",
            "    }}",
            "  },",
            "  \"links\": [",
            "    {\"rate\": \"1Gbps\"},",
            "    [10, 20]",
            "  ]",
            "}");

    /** {line, column} of the first occurrence of {@code text} on 1-based {@code line} of EXPERIMENT. */
    private static int[] at(int line, String text) {
        String l = EXPERIMENT.split("\n")[line - 1];
        assertTrue(l.contains(text), text + " not on line " + line);
        return new int[] {line, l.indexOf(text) + 1};
    }

    private static LocatedDocument doc() throws ConfigException {
        return LocatedDocument.parse("exp.json", EXPERIMENT);
    }

    private static ConfigProblem onlyProblem(String content) {
        ConfigException e = assertThrows(ConfigException.class, () -> LocatedDocument.parse("bad.json", content));
        assertEquals(1, e.problems().size(), e.getMessage());
        return e.problems().get(0);
    }

    @Test
    void builds_the_same_tree_as_jackson() throws Exception {
        assertEquals(new ObjectMapper().readTree(EXPERIMENT), doc().root());
        String numbers = "{\"i\": 1, \"l\": 12345678901, \"b\": 123456789012345678901234567890, \"d\": 0.25,"
                + " \"t\": true, \"f\": false, \"n\": null, \"e\": [], \"o\": {}}";
        assertEquals(new ObjectMapper().readTree(numbers), LocatedDocument.parse("n.json", numbers).root());
    }

    @Test
    void locates_values_in_nested_objects_and_arrays() throws Exception {
        LocatedDocument d = doc();
        assertArrayEquals(new int[] {1, 1}, d.locate(""));
        assertArrayEquals(at(2, "\"port-"), d.locate("/name"));
        assertArrayEquals(at(3, "{"), d.locate("/hosts"));
        assertArrayEquals(at(4, "{"), d.locate("/hosts/client"));
        assertArrayEquals(new int[] {4, 26}, d.locate("/hosts/client/sysctl"));
        assertArrayEquals(at(9, "["), d.locate("/links"));
        assertArrayEquals(at(10, "{"), d.locate("/links/0"));
        assertArrayEquals(at(10, "\"1Gbps"), d.locate("/links/0/rate"));
        assertArrayEquals(at(11, "["), d.locate("/links/1"));
        assertArrayEquals(at(11, "20"), d.locate("/links/1/1"));
    }

    @Test
    void locates_keys_with_dots_slashes_and_tildes() throws Exception {
        LocatedDocument d = doc();
        assertArrayEquals(at(5, "1,"), d.locate("/hosts/client/sysctl/net.ipv4.tcp_tw_reuse"));
        assertArrayEquals(at(6, "\"slash"), d.locate("/hosts/client/sysctl/a~1b"));
        assertArrayEquals(at(6, "\"tilde"), d.locate("/hosts/client/sysctl/m~0n"));
        assertArrayEquals(at(5, "\"net."), d.locateKey("/hosts/client/sysctl/net.ipv4.tcp_tw_reuse"));
        assertArrayEquals(at(6, "\"m~n"), d.locateKey("/hosts/client/sysctl/m~0n"));
        assertArrayEquals(at(11, "20"), d.locateKey("/links/1/1"), "array elements have no key");
    }

    @Test
    void absent_pointer_locates_its_nearest_ancestor() throws Exception {
        LocatedDocument d = doc();
        assertArrayEquals(new int[] {4, 26}, d.locate("/hosts/client/sysctl/net.core.somaxconn"));
        assertArrayEquals(at(3, "{"), d.locate("/hosts/server/sysctl/x"));
        assertArrayEquals(at(9, "["), d.locate("/links/7/rate"));
        assertArrayEquals(new int[] {1, 1}, d.locate("/nope"));
    }

    @Test
    void locate_returns_a_copy() throws Exception {
        LocatedDocument d = doc();
        d.locate("/name")[0] = 99;
        assertArrayEquals(at(2, "\"port-"), d.locate("/name"));
    }

    @Test
    void columns_count_characters_not_bytes() throws Exception {
        LocatedDocument d = LocatedDocument.parse("u.json", "{\"d\u00e9lai\u00b5\": \"\u00b5\u00b5\", \"x\": 1}");
        assertArrayEquals(new int[] {1, 23}, d.locate("/x"), "é and µ are one column each");
    }

    @Test
    void with_root_keeps_file_and_locations() throws Exception {
        LocatedDocument d = doc();
        ObjectNode copy = d.root().deepCopy();
        JsonPointers.set(copy, "/hosts/client/sysctl/net.ipv4.tcp_tw_reuse", IntNode.valueOf(0));
        LocatedDocument swept = d.withRoot(copy);
        assertEquals("exp.json", swept.file());
        assertEquals(0, swept.root().at("/hosts/client/sysctl/net.ipv4.tcp_tw_reuse").intValue());
        assertEquals(1, d.root().at("/hosts/client/sysctl/net.ipv4.tcp_tw_reuse").intValue());
        assertArrayEquals(at(5, "1,"), swept.locate("/hosts/client/sysctl/net.ipv4.tcp_tw_reuse"));
    }

    @Test
    void syntax_error_has_parser_line_and_column() {
        ConfigProblem p = onlyProblem("{\n  \"a\": 1,\n  \"b\": xyz\n}");
        assertEquals("bad.json", p.file());
        assertEquals(3, p.line());
        assertEquals(8, p.column());
        assertEquals("/b", p.pointer(), "the value being read when the error struck");
        assertTrue(p.message().startsWith("invalid JSON: Unrecognized token 'xyz'"), p.message());
    }

    @Test
    void trailing_comma_is_reported_where_it_is() {
        ConfigProblem p = onlyProblem("{\"a\": 1,\n}");
        assertEquals(2, p.line());
        assertEquals(1, p.column());
        assertTrue(p.message().contains("was expecting double-quote to start field name"), p.message());
    }

    @Test
    void unclosed_object_names_where_it_opened_without_jackson_internals() {
        ConfigProblem p = onlyProblem("{\n  \"hosts\": {\"a\": 1}\n");
        assertEquals("invalid JSON: Unexpected end-of-input: expected '}' to close the object that starts at"
                + " line 1, column 1", p.message());
        assertFalse(p.format().contains("Source"), p.format());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": NaN}", "// comment\n{}", "{'a': 1}", "{\"a\": 01}", "[1 2]", "\"open"})
    void syntax_messages_carry_no_java_names(String content) {
        String message = onlyProblem(content).message();
        assertTrue(message.startsWith("invalid JSON: "), message);
        for (String leak : List.of("Feature", "`", "Source", "Exception", "jackson", "com.fasterxml")) {
            assertFalse(message.contains(leak), message);
        }
    }

    @Test
    void comment_is_explained() {
        assertTrue(onlyProblem("// c\n{}").message().endsWith("(comments are not allowed in JSON)"));
    }

    @Test
    void trailing_garbage_is_reported() {
        ConfigProblem p = onlyProblem("{\"a\": 1}\n{\"b\": 2}");
        assertEquals("unexpected content after the end of the JSON document", p.message());
        assertEquals(2, p.line());
        assertEquals(1, p.column());
        assertEquals("unexpected content after the end of the JSON document", onlyProblem("{\"a\": 1}}").message());
        assertEquals("unexpected content after the end of the JSON document", onlyProblem("{} xyz").message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n  "})
    void empty_file_is_reported(String content) {
        ConfigProblem p = onlyProblem(content);
        assertEquals("the file is empty; expected a JSON document such as {...}", p.message());
        assertTrue(p.line() >= 1);
    }

    @Test
    void duplicate_keys_are_all_reported_with_both_places() {
        ConfigException e = assertThrows(ConfigException.class, () -> LocatedDocument.parse("dup.json",
                "{\"rate\": \"1Gbps\",\n \"x\": {\"a\": 1, \"a\": 2},\n \"rate\": \"2Gbps\"}"));
        assertEquals(List.of(
                new ConfigProblem("dup.json", "/x/a", 2, 16, "duplicate key 'a' (first defined at line 2, column 8)"),
                new ConfigProblem("dup.json", "/rate", 3, 2, "duplicate key 'rate' (first defined at line 1, column 2)")),
                e.problems());
    }

    @Test
    void byte_order_mark_is_ignored() throws Exception {
        LocatedDocument d = LocatedDocument.parse("bom.json", "\uFEFF{\"a\": 1}");
        assertEquals(1, d.root().get("a").intValue());
        assertArrayEquals(new int[] {1, 7}, d.locate("/a"));
    }

    @Test
    void parse_file_uses_the_path_as_given_and_its_directory(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("exp.json");
        Files.writeString(file, "{\"topology\": \"topo.json\"}");
        LocatedDocument d = LocatedDocument.parse(file);
        assertEquals(file.toString(), d.file());
        assertEquals(dir, d.baseDir());
        assertEquals(dir.resolve("topo.json"), d.baseDir().resolve(d.root().get("topology").textValue()));
        assertEquals(Path.of(""), LocatedDocument.parse("inline", "{}").baseDir());
    }

    @Test
    void unreadable_files_have_no_line_but_a_bad_byte_has_one(@TempDir Path dir) throws Exception {
        ConfigException missing = assertThrows(ConfigException.class,
                () -> LocatedDocument.parse(dir.resolve("nope.json")));
        assertEquals(dir.resolve("nope.json") + ": at /: file not found", missing.getMessage());

        ConfigException directory = assertThrows(ConfigException.class, () -> LocatedDocument.parse(dir));
        assertEquals(0, directory.problems().get(0).line());
        assertTrue(directory.getMessage().endsWith("this is a directory, not a JSON file"));

        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, "{\"a\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
        ConfigException encoding = assertThrows(ConfigException.class, () -> LocatedDocument.parse(latin1));
        // the e of "café" in Latin-1 is byte 0xe9 at offset 10: line 1, column 11 (F04 had no location)
        assertEquals(latin1 + ":1:11: at /: the file is not valid UTF-8 text: byte 0xe9 at offset 10 (save it as UTF-8)",
                encoding.getMessage());
        Path second = dir.resolve("second-line.json");
        Files.write(second, "{\n  \"\u00e9t\u00e9\": \"\u00e9".getBytes(StandardCharsets.UTF_8));
        Files.write(second, new byte[] {(byte) 0xff}, java.nio.file.StandardOpenOption.APPEND);
        ConfigException late = assertThrows(ConfigException.class, () -> LocatedDocument.parse(second));
        assertEquals(2, late.problems().get(0).line());
        assertEquals(12, late.problems().get(0).column(), "columns count characters (12), not bytes (15)");
    }

    @Test
    void syntax_error_in_a_file_names_the_file(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\n  \"duration\": \"70s\"\n  \"seeds\": [1]\n}");
        ConfigException e = assertThrows(ConfigException.class, () -> LocatedDocument.parse(file));
        assertTrue(e.getMessage().startsWith(file + ":3:3: at /duration: invalid JSON: Unexpected character"),
                e.getMessage());
    }

    @Test
    void problem_at_uses_locations() throws Exception {
        assertEquals(new ConfigProblem("exp.json", "/links/0/rate", 10, 14, "too fast"),
                doc().problemAt("/links/0/rate", "too fast"));
    }
}
