package org.tcpsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tcpsim.kernel.SysctlNames.*;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every 6.18 default from the reference's quick table (section 14) and sections, on a 16 GiB host. */
class Linux618DefaultsTest {
    private static final Sysctls S = Sysctls.defaults(KernelVersion.V6_18, HostMemory.DEFAULT_BYTES);

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        IP_LOCAL_PORT_RANGE + "|32768\t60999",
        IP_LOCAL_RESERVED_PORTS + "|''",
        IP_UNPRIVILEGED_PORT_START + "|1024",
        TCP_RTO_MIN_US + "|200000",
        TCP_RTO_MAX_MS + "|120000",
        TCP_SYN_RETRIES + "|6",
        TCP_SYN_LINEAR_TIMEOUTS + "|4",
        TCP_SYNACK_RETRIES + "|5",
        TCP_RETRIES1 + "|3",
        TCP_RETRIES2 + "|15",
        TCP_ORPHAN_RETRIES + "|0",
        TCP_FIN_TIMEOUT + "|60",
        TCP_TW_REUSE + "|2",
        TCP_TW_REUSE_DELAY + "|1000",
        TCP_MAX_TW_BUCKETS + "|65536",
        TCP_MAX_ORPHANS + "|65536",
        TCP_MAX_SYN_BACKLOG + "|1024",
        SOMAXCONN + "|4096",
        TCP_SYNCOOKIES + "|1",
        TCP_ABORT_ON_OVERFLOW + "|0",
        TCP_RMEM + "|4096\t131072\t33554432",
        TCP_WMEM + "|4096\t16384\t4194304",
        TCP_MEM + "|190464\t253952\t380928",
        RMEM_MAX + "|4194304",
        WMEM_MAX + "|4194304",
        RMEM_DEFAULT + "|212992",
        WMEM_DEFAULT + "|212992",
        NETDEV_MAX_BACKLOG + "|1000",
        NETDEV_BUDGET + "|300",
        NETDEV_BUDGET_USECS + "|2000",
        DEV_WEIGHT + "|64",
        NR_OPEN + "|1048576",
        FILE_MAX + "|1625292",
        TCP_CONGESTION_CONTROL + "|cubic",
        TCP_SACK + "|1",
        TCP_DSACK + "|1",
        TCP_TIMESTAMPS + "|1",
        TCP_WINDOW_SCALING + "|1",
        TCP_REORDERING + "|3",
        TCP_MAX_REORDERING + "|300",
        TCP_FRTO + "|2",
        TCP_SLOW_START_AFTER_IDLE + "|1",
        TCP_ECN + "|2",
        TCP_EARLY_RETRANS + "|3",
        TCP_RECOVERY + "|1",
        TCP_MODERATE_RCVBUF + "|1",
        TCP_AUTOCORKING + "|1",
        TCP_RFC1337 + "|0",
        TCP_NO_METRICS_SAVE + "|0",
        TCP_NO_SSTHRESH_METRICS_SAVE + "|1",
        TCP_KEEPALIVE_TIME + "|7200",
        TCP_KEEPALIVE_INTVL + "|75",
        TCP_KEEPALIVE_PROBES + "|9",
        NF_CONNTRACK_MAX + "|262144",
        NF_CONNTRACK_TCP_TIMEOUT_SYN_SENT + "|120",
        NF_CONNTRACK_TCP_TIMEOUT_SYN_RECV + "|60",
        NF_CONNTRACK_TCP_TIMEOUT_ESTABLISHED + "|432000",
        NF_CONNTRACK_TCP_TIMEOUT_FIN_WAIT + "|120",
        NF_CONNTRACK_TCP_TIMEOUT_CLOSE_WAIT + "|60",
        NF_CONNTRACK_TCP_TIMEOUT_LAST_ACK + "|30",
        NF_CONNTRACK_TCP_TIMEOUT_TIME_WAIT + "|120",
        NF_CONNTRACK_TCP_TIMEOUT_CLOSE + "|10",
        NF_CONNTRACK_TCP_TIMEOUT_MAX_RETRANS + "|300",
        NF_CONNTRACK_TCP_TIMEOUT_UNACKNOWLEDGED + "|300",
        NF_CONNTRACK_TCP_LOOSE + "|1",
        NF_CONNTRACK_TCP_BE_LIBERAL + "|0",
        NF_CONNTRACK_TCP_MAX_RETRANS + "|3",
    })
    void defaultText(String name, String expected) {
        assertEquals(expected, S.text(name));
    }
}
