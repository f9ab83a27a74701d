package org.tcpsim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPointersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode tree(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    @Test
    void escape_tilde_before_slash() {
        assertEquals("a~1b", JsonPointers.escape("a/b"));
        assertEquals("m~0n", JsonPointers.escape("m~n"));
        assertEquals("~01", JsonPointers.escape("~1"), "'~1' as a key is ~ then 1, not a slash");
        assertEquals("net.ipv4.tcp_tw_reuse", JsonPointers.escape("net.ipv4.tcp_tw_reuse"));
    }

    @Test
    void split_and_join_are_inverse() {
        List<String> segments = List.of("hosts", "client", "sysctl", "net.ipv4.tcp_rmem", "a/b", "c~d", "", "0");
        String pointer = JsonPointers.join(segments);
        assertEquals("/hosts/client/sysctl/net.ipv4.tcp_rmem/a~1b/c~0d//0", pointer);
        assertEquals(segments, JsonPointers.split(pointer));
    }

    @Test
    void split_of_root_is_empty_and_of_slash_is_one_empty_key() {
        assertEquals(List.of(), JsonPointers.split(""));
        assertEquals(List.of(""), JsonPointers.split("/"));
    }

    @Test
    void split_rejects_pointer_without_leading_slash() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonPointers.split("hosts/client"));
        assertTrue(e.getMessage().contains("must be empty or start with '/'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a~2b", "/a~", "/~x/y"})
    void split_rejects_bad_tilde_escapes(String pointer) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonPointers.split(pointer));
        assertTrue(e.getMessage().contains("'~' must be followed by 0"), e.getMessage());
    }

    @Test
    void child_index_and_parent() {
        assertEquals("/sysctl/net.core.somaxconn", JsonPointers.child("/sysctl", "net.core.somaxconn"));
        assertEquals("/a~1b", JsonPointers.child("", "a/b"));
        assertEquals("/links/3", JsonPointers.index("/links", 3));
        assertEquals("/links", JsonPointers.parent("/links/3"));
        assertEquals("", JsonPointers.parent("/links"));
        assertEquals("", JsonPointers.parent(""));
        assertThrows(IllegalArgumentException.class, () -> JsonPointers.index("/links", -1));
    }

    @Test
    void get_follows_objects_and_arrays_with_escaped_keys() throws Exception {
        JsonNode root = tree("{\"a/b\": {\"m~n\": [10, {\"x.y\": true}]}, \"\": 5}");
        assertEquals(10, JsonPointers.get(root, "/a~1b/m~0n/0").orElseThrow().intValue());
        assertTrue(JsonPointers.get(root, "/a~1b/m~0n/1/x.y").orElseThrow().booleanValue());
        assertEquals(5, JsonPointers.get(root, "/").orElseThrow().intValue());
        assertEquals(root, JsonPointers.get(root, "").orElseThrow());
    }

    @Test
    void get_is_empty_for_absent_values() throws Exception {
        JsonNode root = tree("{\"a\": [1, 2], \"s\": \"text\", \"n\": null}");
        assertFalse(JsonPointers.get(root, "/b").isPresent());
        assertFalse(JsonPointers.get(root, "/a/2").isPresent());
        assertFalse(JsonPointers.get(root, "/a/01").isPresent(), "leading zeros are not indexes");
        assertFalse(JsonPointers.get(root, "/a/-").isPresent());
        assertFalse(JsonPointers.get(root, "/s/0").isPresent());
        assertTrue(JsonPointers.get(root, "/n").orElseThrow().isNull(), "null is a present value");
    }

    @Test
    void set_replaces_an_existing_value() throws Exception {
        ObjectNode root = tree("{\"hosts\": {\"client\": {\"sysctl\": {\"net.ipv4.tcp_tw_reuse\": 0}}}}");
        JsonPointers.set(root, "/hosts/client/sysctl/net.ipv4.tcp_tw_reuse", IntNode.valueOf(1));
        assertEquals(tree("{\"hosts\": {\"client\": {\"sysctl\": {\"net.ipv4.tcp_tw_reuse\": 1}}}}"), root);
    }

    @Test
    void set_creates_missing_intermediate_objects() throws Exception {
        ObjectNode root = tree("{\"hosts\": {}}");
        JsonPointers.set(root, "/hosts/server/sysctl/net.core.somaxconn", IntNode.valueOf(4096));
        assertEquals(tree("{\"hosts\": {\"server\": {\"sysctl\": {\"net.core.somaxconn\": 4096}}}}"), root);
    }

    @Test
    void set_into_array_element_and_append() throws Exception {
        ObjectNode root = tree("{\"seeds\": [1, 2], \"links\": [{\"rate\": \"1Gbps\"}]}");
        JsonPointers.set(root, "/links/0/rate", TextNode.valueOf("10Mbps"));
        JsonPointers.set(root, "/seeds/1", IntNode.valueOf(7));
        JsonPointers.set(root, "/seeds/-", IntNode.valueOf(9));
        assertEquals(tree("{\"seeds\": [1, 7, 9], \"links\": [{\"rate\": \"10Mbps\"}]}"), root);
    }

    @Test
    void set_rejects_index_past_the_end() throws Exception {
        ObjectNode root = tree("{\"links\": [{}, {}]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonPointers.set(root, "/links/2/rate", TextNode.valueOf("1Gbps")));
        assertEquals("cannot set /links/2/rate: index 2 is out of bounds; the array at /links has 2 elements",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> JsonPointers.set(root, "/links/2", TextNode.valueOf("x")));
        assertTrue(e.getMessage().contains("(use '-' to append)"), e.getMessage());
    }

    @Test
    void set_rejects_non_index_segment_in_array() throws Exception {
        ObjectNode root = tree("{\"links\": [{}]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonPointers.set(root, "/links/first/rate", TextNode.valueOf("1Gbps")));
        assertTrue(e.getMessage().startsWith("cannot set /links/first/rate: segment 'first' is not an array index"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> JsonPointers.set(root, "/links/-/rate", TextNode.valueOf("1Gbps")));
        assertTrue(e.getMessage().contains("'-' (append) is only allowed as the last segment"), e.getMessage());
    }

    @Test
    void set_rejects_walking_through_a_scalar() throws Exception {
        ObjectNode root = tree("{\"duration\": \"70s\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonPointers.set(root, "/duration/unit", TextNode.valueOf("s")));
        assertEquals("cannot set /duration/unit: segment 'unit' cannot be followed because the value at /duration"
                + " is a string, not an object or array", e.getMessage());
        assertEquals(tree("{\"duration\": \"70s\"}"), root, "a failed set leaves the tree untouched");
    }

    @Test
    void set_rejects_the_root_pointer_and_bad_syntax() throws Exception {
        ObjectNode root = tree("{}");
        assertThrows(IllegalArgumentException.class, () -> JsonPointers.set(root, "", IntNode.valueOf(1)));
        assertThrows(IllegalArgumentException.class, () -> JsonPointers.set(root, "duration", IntNode.valueOf(1)));
        assertThrows(IllegalArgumentException.class, () -> JsonPointers.set(root, "/a~7", IntNode.valueOf(1)));
    }

    @Test
    void set_with_escaped_key_creates_the_unescaped_key() throws Exception {
        ObjectNode root = tree("{}");
        JsonPointers.set(root, "/a~1b/c~0d", IntNode.valueOf(1));
        assertEquals(1, root.get("a/b").get("c~d").intValue());
    }
}
