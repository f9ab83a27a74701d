package org.tcpsim.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class FingerprintTest {
    private static final ObjectMapper M = new ObjectMapper();

    @Test
    void ignoresKeyOrderButNotValuesOrSeed() throws IOException {
        String a = Fingerprint.of(M.readTree("{\"a\":1,\"b\":{\"x\":[1,{\"q\":2,\"p\":3}],\"y\":\"s\"}}"), 1);
        String b = Fingerprint.of(M.readTree("{\"b\":{\"y\":\"s\",\"x\":[1,{\"p\":3,\"q\":2}]},\"a\":1}"), 1);
        assertEquals(a, b);
        assertTrue(a.matches("sha256:[0-9a-f]{64}"), a);
        assertNotEquals(a, Fingerprint.of(M.readTree("{\"a\":1,\"b\":{\"x\":[1,{\"q\":2,\"p\":4}],\"y\":\"s\"}}"), 1));
        assertNotEquals(a, Fingerprint.of(M.readTree("{\"a\":1,\"b\":{\"x\":[{\"q\":2,\"p\":3},1],\"y\":\"s\"}}"), 1));
        assertNotEquals(a, Fingerprint.of(M.readTree("{\"b\":{\"y\":\"s\",\"x\":[1,{\"p\":3,\"q\":2}]},\"a\":1}"), 2));
    }
}
