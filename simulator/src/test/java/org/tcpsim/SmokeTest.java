package org.tcpsim;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertTrue;
class SmokeTest { @Test void runs() { assertTrue(true); } }
