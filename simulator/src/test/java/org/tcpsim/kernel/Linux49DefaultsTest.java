package org.tcpsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcpsim.kernel.SysctlNames.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The legacy 4.9 profile and where it differs from 6.18. */
class Linux49DefaultsTest {
    private static final Sysctls OLD = Sysctls.defaults(KernelVersion.V4_9, HostMemory.DEFAULT_BYTES);
    private static final Sysctls NEW = Sysctls.defaults(KernelVersion.V6_18, HostMemory.DEFAULT_BYTES);

    @ParameterizedTest(name = "{0} = {1} on 4.9")
    @CsvSource(delimiter = '|', value = {
        TCP_TW_RECYCLE + "|0",
        TCP_TW_REUSE + "|0",
        SOMAXCONN + "|128",
        RMEM_MAX + "|212992",
        WMEM_MAX + "|212992",
        TCP_RMEM + "|4096\t87380\t6291456",
        TCP_WMEM + "|4096\t16384\t4194304",
        TCP_MEM + "|380928\t507904\t761856",
        TCP_MAX_SYN_BACKLOG + "|512",
        TCP_MAX_TW_BUCKETS + "|65536",
        NF_CONNTRACK_MAX + "|262144",
        IP_LOCAL_PORT_RANGE + "|32768\t60999",
        TCP_SYN_RETRIES + "|6",
        TCP_SYNCOOKIES + "|1",
        TCP_ECN + "|2",
        TCP_CONGESTION_CONTROL + "|cubic",
    })
    void legacyDefaults(String name, String expected) {
        assertEquals(expected, OLD.text(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {TCP_SYN_LINEAR_TIMEOUTS, TCP_TW_REUSE_DELAY, TCP_RTO_MIN_US, TCP_RTO_MAX_MS,
        NETDEV_BUDGET_USECS, IP_UNPRIVILEGED_PORT_START, TCP_NO_SSTHRESH_METRICS_SAVE})
    void knobsAddedAfter49(String name) {
        assertFalse(OLD.has(name));
        assertTrue(NEW.has(name));
    }

    @Test
    void recycleOnlyOnLegacy() {
        assertTrue(OLD.has(TCP_TW_RECYCLE));
        assertFalse(NEW.has(TCP_TW_RECYCLE));
        assertFalse(OLD.getBool(TCP_TW_RECYCLE));
    }

    @Test
    void legacyHandlersAcceptPlainInts() throws SysctlException {
        // 4.9 used proc_dointvec: no 0..2 bound on tcp_tw_reuse, no u8 bound on switches
        assertEquals(5, OLD.with(TCP_TW_REUSE, "5").getInt(TCP_TW_REUSE));
        assertEquals(-1, OLD.with(TCP_SYNCOOKIES, "-1").getInt(TCP_SYNCOOKIES));
        assertEquals(1000, OLD.with(TCP_SACK, "1000").getInt(TCP_SACK));
        // no ip_unprivileged_port_start check before 4.11
        assertEquals("80\t60999", OLD.with(IP_LOCAL_PORT_RANGE, "80 60999").text(IP_LOCAL_PORT_RANGE));
    }

    @Test
    void legacySomaxconnIsLimitedToUshort() {
        SysctlException e = org.junit.jupiter.api.Assertions.assertThrows(SysctlException.class,
                () -> OLD.with(SOMAXCONN, "65536"));
        assertEquals(SysctlException.Kind.RANGE, e.kind());
    }
}
