package org.tcpsim.kernel;

/**
 * TCP MIB counters with the names `nstat` prints: the Tcp line of /proc/net/snmp and the TcpExt
 * line of /proc/net/netstat (net/ipv4/proc.c). Each host keeps one array of them.
 */
public enum MibCounter {
    TCP_ACTIVE_OPENS("TcpActiveOpens"),
    TCP_PASSIVE_OPENS("TcpPassiveOpens"),
    TCP_ATTEMPT_FAILS("TcpAttemptFails"),
    TCP_ESTAB_RESETS("TcpEstabResets"),
    TCP_IN_SEGS("TcpInSegs"),
    TCP_OUT_SEGS("TcpOutSegs"),
    TCP_RETRANS_SEGS("TcpRetransSegs"),
    TCP_IN_ERRS("TcpInErrs"),
    TCP_OUT_RSTS("TcpOutRsts"),
    TW("TcpExtTW"),
    TW_KILLED("TcpExtTWKilled"),
    DELAYED_ACKS("TcpExtDelayedACKs"),
    LISTEN_OVERFLOWS("TcpExtListenOverflows"),
    LISTEN_DROPS("TcpExtListenDrops"),
    TCP_REQ_Q_FULL_DROP("TcpExtTCPReqQFullDrop"),
    TCP_REQ_Q_FULL_DO_COOKIES("TcpExtTCPReqQFullDoCookies"),
    SYNCOOKIES_SENT("TcpExtSyncookiesSent"),
    SYNCOOKIES_RECV("TcpExtSyncookiesRecv"),
    SYNCOOKIES_FAILED("TcpExtSyncookiesFailed"),
    EMBRYONIC_RSTS("TcpExtEmbryonicRsts"),
    TW_RECYCLED("TcpExtTWRecycled"),
    TCP_TIME_WAIT_OVERFLOW("TcpExtTCPTimeWaitOverflow"),
    PAWS_PASSIVE("TcpExtPAWSPassive"),
    PAWS_ESTAB("TcpExtPAWSEstab"),
    PAWS_OLD_ACK("TcpExtPAWSOldAck"),
    TCP_ACK_SKIPPED_PAWS("TcpExtTCPACKSkippedPAWS"),
    TCP_ACK_SKIPPED_SEQ("TcpExtTCPACKSkippedSeq"),
    TCP_ACK_SKIPPED_CHALLENGE("TcpExtTCPACKSkippedChallenge"),
    PAWS_TIMEWAIT("TcpExtPAWSTimewait"),
    TCP_ACK_SKIPPED_TIME_WAIT("TcpExtTCPACKSkippedTimeWait"),
    TCP_ACK_SKIPPED_FIN_WAIT2("TcpExtTCPACKSkippedFinWait2"),
    TCP_MEMORY_PRESSURES("TcpExtTCPMemoryPressures"),
    TCP_MEMORY_PRESSURES_CHRONO("TcpExtTCPMemoryPressuresChrono"),
    TCP_RCV_Q_DROP("TcpExtTCPRcvQDrop"),
    TCP_ABORT_ON_CLOSE("TcpExtTCPAbortOnClose"),
    TCP_ABORT_ON_DATA("TcpExtTCPAbortOnData"),
    TCP_ABORT_ON_TIMEOUT("TcpExtTCPAbortOnTimeout"),
    TCP_TIMEOUTS("TcpExtTCPTimeouts"),
    TCP_FAST_RETRANS("TcpExtTCPFastRetrans"),
    TCP_LOST_RETRANSMIT("TcpExtTCPLostRetransmit"),
    TCP_SLOW_START_RETRANS("TcpExtTCPSlowStartRetrans"),
    TCP_RETRANS_FAIL("TcpExtTCPRetransFail"),
    TCP_SYN_RETRANS("TcpExtTCPSynRetrans"),
    TCP_SACK_RECOVERY("TcpExtTCPSackRecovery"),
    TCP_RENO_RECOVERY("TcpExtTCPRenoRecovery"),
    TCP_LOSS_PROBES("TcpExtTCPLossProbes"),
    TCP_LOSS_PROBE_RECOVERY("TcpExtTCPLossProbeRecovery"),
    TCP_SACK_REORDER("TcpExtTCPSACKReorder"),
    DELAYED_ACK_LOST("TcpExtDelayedACKLost"),
    TCP_DSACK_OLD_SENT("TcpExtTCPDSACKOldSent"),
    TCP_DSACK_OFO_SENT("TcpExtTCPDSACKOfoSent"),
    TCP_DSACK_RECV("TcpExtTCPDSACKRecv"),
    TCP_DSACK_OFO_RECV("TcpExtTCPDSACKOfoRecv"),
    TCP_DSACK_RECV_SEGS("TcpExtTCPDSACKRecvSegs"),
    TCP_DSACK_IGNORED_DUBIOUS("TcpExtTCPDSACKIgnoredDubious"),
    TCP_DSACK_IGNORED_OLD("TcpExtTCPDSACKIgnoredOld"),
    TCP_DSACK_IGNORED_NO_UNDO("TcpExtTCPDSACKIgnoredNoUndo"),
    TCP_SACK_DISCARD("TcpExtTCPSACKDiscard"),
    TCP_DSACK_UNDO("TcpExtTCPDSACKUndo"),
    TCP_FULL_UNDO("TcpExtTCPFullUndo"),
    TCP_PARTIAL_UNDO("TcpExtTCPPartialUndo"),
    TCP_LOSS_UNDO("TcpExtTCPLossUndo"),
    TCP_SPURIOUS_RTOS("TcpExtTCPSpuriousRTOs"),
    TCP_TS_REORDER("TcpExtTCPTSReorder"),
    TCP_RENO_REORDER("TcpExtTCPRenoReorder"),
    TCP_KEEPALIVE("TcpExtTCPKeepAlive"),
    TCP_WIN_PROBE("TcpExtTCPWinProbe"),
    TCP_ACK_COMPRESSED("TcpExtTCPAckCompressed"),
    TCP_ORIG_DATA_SENT("TcpExtTCPOrigDataSent"),
    TCP_OFO_QUEUE("TcpExtTCPOFOQueue"),
    TCP_CHALLENGE_ACK("TcpExtTCPChallengeACK"),
    TCP_SYN_CHALLENGE("TcpExtTCPSYNChallenge"),
    TCP_ZERO_WINDOW_DROP("TcpExtTCPZeroWindowDrop"),
    TCP_WANT_ZERO_WINDOW_ADV("TcpExtTCPWantZeroWindowAdv");

    private final String nstatName;

    MibCounter(String nstatName) {
        this.nstatName = nstatName;
    }

    public String nstatName() {
        return nstatName;
    }
}
