package org.tcpsim.tcp;

import java.util.BitSet;
import java.util.Set;
import java.util.TreeSet;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.SysctlNames;
import org.tcpsim.kernel.Sysctls;

/**
 * The sysctls TCP reads, taken once per host so the per-packet path never looks a name up. Which
 * sysctls count as modelled follows from what this constructor reads ({@link #READ}).
 */
public final class TcpSettings {
    /**
     * Every sysctl the TCP model reads: the names this constructor asks for on each kernel profile (found
     * by reading from recording sysctls, so it follows the code; experiment.ModelledSysctls adds the other models').
     */
    public static final Set<String> READ = reads();

    private static Set<String> reads() {
        Set<String> names = new TreeSet<>();
        for (KernelVersion k : KernelVersion.values()) {
            new TcpSettings(k, Sysctls.defaults(k).recordingReads(names));
        }
        return Set.copyOf(names);
    }

    final int portLow;
    final int portHigh;
    final BitSet reservedPorts;
    final int somaxconn;
    final boolean timestamps;
    final boolean sack;
    final boolean windowScaling;
    final int synRetries;
    final int synackRetries;
    /** 0 on kernels before the sysctl existed (4.9). */
    final int synLinearTimeouts;
    final int retries2;
    final int orphanRetries;
    final long finTimeoutNs;
    final long rtoMinUs;
    final long rtoMaxUs;
    final long[] rmem;
    final long[] wmem;
    final long rmemMax;
    final long wmemMax;
    final boolean moderateRcvbuf;
    final String congestionControl;
    final boolean slowStartAfterIdle;
    final long fileMax;
    final long[] tcpMem;
    final int twReuse;
    /** tcp_tw_reuse_delay in ms; -1 on kernels before it (4.9 used a 1-2 s seconds test). */
    final long twReuseDelayMs;
    final boolean twRecycle;
    final long maxTwBuckets;
    final int syncookies;
    final int maxSynBacklog;
    final boolean abortOnOverflow;
    /**
     * RACK marks losses (else RFC 6675 dupthresh): always on 6.18, which has no other loss detection
     * with SACK; on 4.9 as tcp_recovery & TCP_RACK_LOSS_DETECTION says.
     */
    final boolean rack;
    /** tcp_recovery & TCP_RACK_STATIC_REO_WND: D-SACKs do not widen RACK's reordering window. */
    final boolean rackStaticReoWnd;
    /** tcp_early_retrans 3 or 4: tail loss probes (tcp_schedule_loss_probe). */
    final boolean tailLossProbe;
    /** tcp_dsack: report duplicates with a D-SACK block (RFC 2883). */
    final boolean dsack;
    /** tcp_frto: F-RTO spurious-RTO detection (RFC 5682) after a retransmission timeout. */
    final boolean frto;
    /** tcp_keepalive_time, tcp_keepalive_intvl (ns) and tcp_keepalive_probes, for SO_KEEPALIVE sockets. */
    final long keepaliveTimeNs;
    final long keepaliveIntvlNs;
    /** tcp_comp_sack_delay_ns and tcp_comp_sack_nr; nr 0 on kernels without SACK compression (4.9). */
    final long compSackDelayNs;
    final int compSackNr;
    /** tcp_min_rtt_wlen in ms: how long a minimum RTT counts. */
    final long minRttWlenMs;
    /** tcp_rfc1337: a RST no longer kills a TIME_WAIT socket. */
    final boolean rfc1337;
    /** tcp_invalid_ratelimit (ns): least gap between answers to out-of-window segments. */
    final long invalidRatelimitNs;
    /** tcp_retrans_collapse: small skbs are merged when retransmitted (tcp_retrans_try_collapse). */
    final boolean retransCollapse;
    /** tcp_challenge_ack_limit: challenge ACKs per second host-wide, INT_MAX for no limit. */
    final int challengeAckLimit;
    final int keepaliveProbes;
    /** tcp_min_tso_segs, tcp_pacing_ss_ratio / tcp_pacing_ca_ratio (percent), tcp_tso_rtt_log: TSO packet sizing. */
    final int minTsoSegs;
    final int pacingSsRatio;
    final int pacingCaRatio;
    final int tsoRttLog;
    /** tcp_reordering: the initial tp->reordering (dupthresh); tcp_max_reordering: its ceiling. */
    final int reordering;
    final int maxReordering;
    /** tcp_tso_win_divisor: how much of the window a deferred TSO packet waits for. */
    final int tsoWinDivisor;
    /** tcp_notsent_lowat (u32, UINT_MAX by default): tcp_notsent_lowat() of a socket without the option. */
    final int notsentLowat;

    TcpSettings(KernelVersion kernel, Sysctls s) {
        long[] range = s.getVector(SysctlNames.IP_LOCAL_PORT_RANGE);
        portLow = (int) range[0];
        portHigh = (int) range[1];
        // trimmed to its highest port: a copy of the parsed set keeps 2^16 bits (8 KiB per host) even when empty
        BitSet reserved = s.getPortSet(SysctlNames.IP_LOCAL_RESERVED_PORTS);
        reservedPorts = BitSet.valueOf(reserved.toLongArray());
        somaxconn = s.getInt(SysctlNames.SOMAXCONN);
        timestamps = s.getInt(SysctlNames.TCP_TIMESTAMPS) != 0;
        sack = s.getInt(SysctlNames.TCP_SACK) != 0;
        windowScaling = s.getInt(SysctlNames.TCP_WINDOW_SCALING) != 0;
        synRetries = s.getInt(SysctlNames.TCP_SYN_RETRIES);
        synackRetries = s.getInt(SysctlNames.TCP_SYNACK_RETRIES);
        synLinearTimeouts = s.has(SysctlNames.TCP_SYN_LINEAR_TIMEOUTS) ? s.getInt(SysctlNames.TCP_SYN_LINEAR_TIMEOUTS) : 0;
        retries2 = s.getInt(SysctlNames.TCP_RETRIES2);
        orphanRetries = s.getInt(SysctlNames.TCP_ORPHAN_RETRIES);
        finTimeoutNs = s.getLong(SysctlNames.TCP_FIN_TIMEOUT) * 1_000_000_000L;
        rtoMinUs = s.has(SysctlNames.TCP_RTO_MIN_US) ? s.getLong(SysctlNames.TCP_RTO_MIN_US) : 200_000;
        rtoMaxUs = s.has(SysctlNames.TCP_RTO_MAX_MS) ? s.getLong(SysctlNames.TCP_RTO_MAX_MS) * 1000 : 120_000_000;
        rmem = s.getVector(SysctlNames.TCP_RMEM);
        wmem = s.getVector(SysctlNames.TCP_WMEM);
        rmemMax = s.getLong(SysctlNames.RMEM_MAX);
        wmemMax = s.getLong(SysctlNames.WMEM_MAX);
        moderateRcvbuf = s.getInt(SysctlNames.TCP_MODERATE_RCVBUF) != 0;
        congestionControl = s.getString(SysctlNames.TCP_CONGESTION_CONTROL);
        slowStartAfterIdle = s.getInt(SysctlNames.TCP_SLOW_START_AFTER_IDLE) != 0;
        fileMax = s.getLong(SysctlNames.FILE_MAX);
        tcpMem = s.getVector(SysctlNames.TCP_MEM);
        twReuse = s.getInt(SysctlNames.TCP_TW_REUSE);
        twReuseDelayMs = s.has(SysctlNames.TCP_TW_REUSE_DELAY) ? s.getLong(SysctlNames.TCP_TW_REUSE_DELAY) : -1;
        twRecycle = s.has(SysctlNames.TCP_TW_RECYCLE) && s.getInt(SysctlNames.TCP_TW_RECYCLE) != 0;
        maxTwBuckets = s.getLong(SysctlNames.TCP_MAX_TW_BUCKETS);
        syncookies = s.getInt(SysctlNames.TCP_SYNCOOKIES);
        maxSynBacklog = s.getInt(SysctlNames.TCP_MAX_SYN_BACKLOG);
        abortOnOverflow = s.getInt(SysctlNames.TCP_ABORT_ON_OVERFLOW) != 0;
        rfc1337 = s.getInt(SysctlNames.TCP_RFC1337) != 0;
        minRttWlenMs = s.getLong(SysctlNames.TCP_MIN_RTT_WLEN) * 1000L;
        compSackDelayNs = s.has(SysctlNames.TCP_COMP_SACK_DELAY_NS) ? s.getLong(SysctlNames.TCP_COMP_SACK_DELAY_NS) : 0;
        compSackNr = s.has(SysctlNames.TCP_COMP_SACK_NR) ? s.getInt(SysctlNames.TCP_COMP_SACK_NR) : 0;
        rack = kernel.rackAlwaysMarksLosses() || (s.getInt(SysctlNames.TCP_RECOVERY) & 1) != 0;
        rackStaticReoWnd = (s.getInt(SysctlNames.TCP_RECOVERY) & 2) != 0;
        int earlyRetrans = s.getInt(SysctlNames.TCP_EARLY_RETRANS);
        tailLossProbe = earlyRetrans == 3 || earlyRetrans == 4;
        dsack = s.getInt(SysctlNames.TCP_DSACK) != 0;
        frto = s.getInt(SysctlNames.TCP_FRTO) != 0;
        keepaliveTimeNs = s.getLong(SysctlNames.TCP_KEEPALIVE_TIME) * 1_000_000_000L;
        keepaliveIntvlNs = s.getLong(SysctlNames.TCP_KEEPALIVE_INTVL) * 1_000_000_000L;
        invalidRatelimitNs = s.getLong(SysctlNames.TCP_INVALID_RATELIMIT) * 1_000_000L;
        challengeAckLimit = s.getInt(SysctlNames.TCP_CHALLENGE_ACK_LIMIT);
        retransCollapse = s.getInt(SysctlNames.TCP_RETRANS_COLLAPSE) != 0;
        keepaliveProbes = s.getInt(SysctlNames.TCP_KEEPALIVE_PROBES);
        minTsoSegs = s.getInt(SysctlNames.TCP_MIN_TSO_SEGS);
        pacingSsRatio = s.getInt(SysctlNames.TCP_PACING_SS_RATIO);
        pacingCaRatio = s.getInt(SysctlNames.TCP_PACING_CA_RATIO);
        tsoWinDivisor = s.getInt(SysctlNames.TCP_TSO_WIN_DIVISOR);
        notsentLowat = (int) s.getLong(SysctlNames.TCP_NOTSENT_LOWAT);
        reordering = s.getInt(SysctlNames.TCP_REORDERING);
        maxReordering = s.getInt(SysctlNames.TCP_MAX_REORDERING);
        tsoRttLog = s.has(SysctlNames.TCP_TSO_RTT_LOG) ? s.getInt(SysctlNames.TCP_TSO_RTT_LOG) : 64; // 4.9: no short-RTT growth
    }
}
