package org.tcpsim.kernel;

/** The exact Linux names of the sysctls in {@link SysctlRegistry}, so model code types none twice. */
public final class SysctlNames {
    private SysctlNames() {
    }

    // net.ipv4: ports
    public static final String IP_LOCAL_PORT_RANGE = "net.ipv4.ip_local_port_range";
    public static final String IP_LOCAL_RESERVED_PORTS = "net.ipv4.ip_local_reserved_ports";
    public static final String IP_UNPRIVILEGED_PORT_START = "net.ipv4.ip_unprivileged_port_start";

    // net.ipv4: TIME_WAIT
    public static final String TCP_TW_REUSE = "net.ipv4.tcp_tw_reuse";
    public static final String TCP_TW_REUSE_DELAY = "net.ipv4.tcp_tw_reuse_delay";
    public static final String TCP_TW_RECYCLE = "net.ipv4.tcp_tw_recycle";
    public static final String TCP_MAX_TW_BUCKETS = "net.ipv4.tcp_max_tw_buckets";
    public static final String TCP_RFC1337 = "net.ipv4.tcp_rfc1337";

    // net.ipv4: options
    public static final String TCP_TIMESTAMPS = "net.ipv4.tcp_timestamps";
    public static final String TCP_SACK = "net.ipv4.tcp_sack";
    public static final String TCP_DSACK = "net.ipv4.tcp_dsack";
    public static final String TCP_WINDOW_SCALING = "net.ipv4.tcp_window_scaling";
    public static final String TCP_ECN = "net.ipv4.tcp_ecn";

    // net.ipv4: handshake and listen queues
    public static final String TCP_SYNCOOKIES = "net.ipv4.tcp_syncookies";
    public static final String TCP_MAX_SYN_BACKLOG = "net.ipv4.tcp_max_syn_backlog";
    public static final String TCP_ABORT_ON_OVERFLOW = "net.ipv4.tcp_abort_on_overflow";
    public static final String TCP_SYN_RETRIES = "net.ipv4.tcp_syn_retries";
    public static final String TCP_SYNACK_RETRIES = "net.ipv4.tcp_synack_retries";
    public static final String TCP_SYN_LINEAR_TIMEOUTS = "net.ipv4.tcp_syn_linear_timeouts";

    // net.ipv4: retransmission, timers, close
    public static final String TCP_RETRIES1 = "net.ipv4.tcp_retries1";
    public static final String TCP_RETRIES2 = "net.ipv4.tcp_retries2";
    public static final String TCP_ORPHAN_RETRIES = "net.ipv4.tcp_orphan_retries";
    public static final String TCP_FIN_TIMEOUT = "net.ipv4.tcp_fin_timeout";
    public static final String TCP_MAX_ORPHANS = "net.ipv4.tcp_max_orphans";
    public static final String TCP_RTO_MIN_US = "net.ipv4.tcp_rto_min_us";
    public static final String TCP_RTO_MAX_MS = "net.ipv4.tcp_rto_max_ms";
    public static final String TCP_KEEPALIVE_TIME = "net.ipv4.tcp_keepalive_time";
    public static final String TCP_KEEPALIVE_INTVL = "net.ipv4.tcp_keepalive_intvl";
    public static final String TCP_INVALID_RATELIMIT = "net.ipv4.tcp_invalid_ratelimit";
    public static final String TCP_CHALLENGE_ACK_LIMIT = "net.ipv4.tcp_challenge_ack_limit";
    public static final String TCP_RETRANS_COLLAPSE = "net.ipv4.tcp_retrans_collapse";
    public static final String TCP_MIN_RTT_WLEN = "net.ipv4.tcp_min_rtt_wlen";
    public static final String TCP_MIN_TSO_SEGS = "net.ipv4.tcp_min_tso_segs";
    public static final String TCP_PACING_SS_RATIO = "net.ipv4.tcp_pacing_ss_ratio";
    public static final String TCP_PACING_CA_RATIO = "net.ipv4.tcp_pacing_ca_ratio";
    public static final String TCP_TSO_RTT_LOG = "net.ipv4.tcp_tso_rtt_log";
    public static final String TCP_NOTSENT_LOWAT = "net.ipv4.tcp_notsent_lowat";
    public static final String TCP_TSO_WIN_DIVISOR = "net.ipv4.tcp_tso_win_divisor";
    public static final String TCP_COMP_SACK_DELAY_NS = "net.ipv4.tcp_comp_sack_delay_ns";
    public static final String TCP_COMP_SACK_NR = "net.ipv4.tcp_comp_sack_nr";
    public static final String TCP_KEEPALIVE_PROBES = "net.ipv4.tcp_keepalive_probes";

    // net.ipv4: memory and buffers
    public static final String TCP_RMEM = "net.ipv4.tcp_rmem";
    public static final String TCP_WMEM = "net.ipv4.tcp_wmem";
    public static final String TCP_MEM = "net.ipv4.tcp_mem";
    public static final String TCP_MODERATE_RCVBUF = "net.ipv4.tcp_moderate_rcvbuf";

    // net.ipv4: congestion control and loss recovery
    public static final String TCP_CONGESTION_CONTROL = "net.ipv4.tcp_congestion_control";
    public static final String TCP_SLOW_START_AFTER_IDLE = "net.ipv4.tcp_slow_start_after_idle";
    public static final String TCP_NO_METRICS_SAVE = "net.ipv4.tcp_no_metrics_save";
    public static final String TCP_NO_SSTHRESH_METRICS_SAVE = "net.ipv4.tcp_no_ssthresh_metrics_save";
    public static final String TCP_REORDERING = "net.ipv4.tcp_reordering";
    public static final String TCP_MAX_REORDERING = "net.ipv4.tcp_max_reordering";
    public static final String TCP_EARLY_RETRANS = "net.ipv4.tcp_early_retrans";
    public static final String TCP_RECOVERY = "net.ipv4.tcp_recovery";
    public static final String TCP_FRTO = "net.ipv4.tcp_frto";
    public static final String TCP_AUTOCORKING = "net.ipv4.tcp_autocorking";

    // net.core
    public static final String SOMAXCONN = "net.core.somaxconn";
    public static final String RMEM_DEFAULT = "net.core.rmem_default";
    public static final String RMEM_MAX = "net.core.rmem_max";
    public static final String WMEM_DEFAULT = "net.core.wmem_default";
    public static final String WMEM_MAX = "net.core.wmem_max";
    public static final String NETDEV_MAX_BACKLOG = "net.core.netdev_max_backlog";
    public static final String NETDEV_BUDGET = "net.core.netdev_budget";
    public static final String NETDEV_BUDGET_USECS = "net.core.netdev_budget_usecs";
    public static final String DEV_WEIGHT = "net.core.dev_weight";

    // fs
    public static final String FILE_MAX = "fs.file-max";
    public static final String NR_OPEN = "fs.nr_open";

    // net.netfilter (conntrack)
    public static final String NF_CONNTRACK_MAX = "net.netfilter.nf_conntrack_max";
    public static final String NF_CONNTRACK_TCP_TIMEOUT_SYN_SENT = "net.netfilter.nf_conntrack_tcp_timeout_syn_sent";
    public static final String NF_CONNTRACK_TCP_TIMEOUT_SYN_RECV = "net.netfilter.nf_conntrack_tcp_timeout_syn_recv";
    public static final String NF_CONNTRACK_TCP_TIMEOUT_ESTABLISHED =
            "net.netfilter.nf_conntrack_tcp_timeout_established";
    public static final String NF_CONNTRACK_TCP_TIMEOUT_FIN_WAIT = "net.netfilter.nf_conntrack_tcp_timeout_fin_wait";
    public static final String NF_CONNTRACK_TCP_TIMEOUT_CLOSE_WAIT =
            "net.netfilter.nf_conntrack_tcp_timeout_close_wait";
    public static final String NF_CONNTRACK_TCP_TIMEOUT_LAST_ACK = "net.netfilter.nf_conntrack_tcp_timeout_last_ack";
    public static final String NF_CONNTRACK_TCP_TIMEOUT_TIME_WAIT =
            "net.netfilter.nf_conntrack_tcp_timeout_time_wait";
    public static final String NF_CONNTRACK_TCP_TIMEOUT_CLOSE = "net.netfilter.nf_conntrack_tcp_timeout_close";
    public static final String NF_CONNTRACK_TCP_TIMEOUT_MAX_RETRANS =
            "net.netfilter.nf_conntrack_tcp_timeout_max_retrans";
    public static final String NF_CONNTRACK_TCP_TIMEOUT_UNACKNOWLEDGED =
            "net.netfilter.nf_conntrack_tcp_timeout_unacknowledged";
    public static final String NF_CONNTRACK_TCP_LOOSE = "net.netfilter.nf_conntrack_tcp_loose";
    public static final String NF_CONNTRACK_TCP_BE_LIBERAL = "net.netfilter.nf_conntrack_tcp_be_liberal";
    public static final String NF_CONNTRACK_TCP_MAX_RETRANS = "net.netfilter.nf_conntrack_tcp_max_retrans";
}
