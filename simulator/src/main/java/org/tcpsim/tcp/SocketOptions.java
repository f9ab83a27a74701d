package org.tcpsim.tcp;

/**
 * Socket options a workload sets with their Linux names (setsockopt). Values as the application
 * passes them; the kernel applies its rules (SO_RCVBUF is doubled and capped at rmem_max, ...).
 *
 * @param rcvbuf        SO_RCVBUF in bytes (0: the locked minimum), or -1 for autotuning from tcp_rmem
 * @param sndbuf        SO_SNDBUF in bytes (0: the locked minimum), or -1 for autotuning from tcp_wmem
 * @param lingerZero    SO_LINGER {on, 0}: close() aborts with a RST
 * @param noDelay       TCP_NODELAY: Nagle off
 * @param congestion    TCP_CONGESTION (or the workload's "congestion_control"), or null for the host's
 *                      net.ipv4.tcp_congestion_control
 * @param reuseAddr     SO_REUSEADDR
 * @param keepAlive     SO_KEEPALIVE
 * @param keepIdleS     TCP_KEEPIDLE in seconds, or 0 for net.ipv4.tcp_keepalive_time
 * @param keepIntvlS    TCP_KEEPINTVL in seconds, or 0 for net.ipv4.tcp_keepalive_intvl
 * @param keepCnt       TCP_KEEPCNT, or 0 for net.ipv4.tcp_keepalive_probes
 * @param userTimeoutMs TCP_USER_TIMEOUT in ms, or 0 for tcp_retries2's give-up and TCP_KEEPCNT
 * @param userMss       TCP_MAXSEG (tp->rx_opt.user_mss), or 0 for the route's MSS
 * @param notsentLowat  TCP_NOTSENT_LOWAT (tp->notsent_lowat, u32), or 0 for net.ipv4.tcp_notsent_lowat
 * @param ipTos         IP_TOS (inet->tos): the TOS byte of every packet the socket sends
 * @param pmtudisc      IP_MTU_DISCOVER (inet->pmtudisc, IP_PMTUDISC_DONT..OMIT): whether its packets carry DF
 */
public record SocketOptions(int rcvbuf, int sndbuf, boolean lingerZero, boolean noDelay, CongestionChoice congestion,
                            boolean reuseAddr, boolean keepAlive, int keepIdleS, int keepIntvlS, int keepCnt,
                            int userTimeoutMs, int userMss, int notsentLowat, int ipTos, int pmtudisc) {
    public static final SocketOptions DEFAULTS = new SocketOptions(-1, -1, false, false, null, false);
    /** IP_MTU_DISCOVER values (linux/in.h). */
    public static final int IP_PMTUDISC_DONT = 0;
    public static final int IP_PMTUDISC_WANT = 1;
    public static final int IP_PMTUDISC_DO = 2;
    public static final int IP_PMTUDISC_OMIT = 5;

    /** With IP_TOS 0 and IP_MTU_DISCOVER as inet_create leaves it (IP_PMTUDISC_WANT: ip_no_pmtu_disc is 0). */
    public SocketOptions(int rcvbuf, int sndbuf, boolean lingerZero, boolean noDelay, CongestionChoice congestion,
                         boolean reuseAddr, boolean keepAlive, int keepIdleS, int keepIntvlS, int keepCnt,
                         int userTimeoutMs, int userMss, int notsentLowat) {
        this(rcvbuf, sndbuf, lingerZero, noDelay, congestion, reuseAddr, keepAlive, keepIdleS, keepIntvlS, keepCnt,
                userTimeoutMs, userMss, notsentLowat, 0, IP_PMTUDISC_WANT);
    }

    /** Without TCP_MAXSEG. */
    public SocketOptions(int rcvbuf, int sndbuf, boolean lingerZero, boolean noDelay, CongestionChoice congestion,
                         boolean reuseAddr, boolean keepAlive, int keepIdleS, int keepIntvlS, int keepCnt,
                         int userTimeoutMs) {
        this(rcvbuf, sndbuf, lingerZero, noDelay, congestion, reuseAddr, keepAlive, keepIdleS, keepIntvlS, keepCnt,
                userTimeoutMs, 0, 0);
    }

    /** Without keepalive. */
    public SocketOptions(int rcvbuf, int sndbuf, boolean lingerZero, boolean noDelay, CongestionChoice congestion,
                         boolean reuseAddr) {
        this(rcvbuf, sndbuf, lingerZero, noDelay, congestion, reuseAddr, false, 0, 0, 0, 0);
    }

    /** The same options with TCP_NODELAY set. */
    public SocketOptions withNoDelay(boolean on) {
        return new SocketOptions(rcvbuf, sndbuf, lingerZero, on, congestion, reuseAddr, keepAlive, keepIdleS,
                keepIntvlS, keepCnt, userTimeoutMs, userMss, notsentLowat, ipTos, pmtudisc);
    }

    /** The same options with SO_LINGER {on, 0} set or cleared. */
    public SocketOptions withLingerZero(boolean on) {
        return new SocketOptions(rcvbuf, sndbuf, on, noDelay, congestion, reuseAddr, keepAlive, keepIdleS,
                keepIntvlS, keepCnt, userTimeoutMs, userMss, notsentLowat, ipTos, pmtudisc);
    }

    /** The same options with SO_REUSEADDR set. */
    public SocketOptions withReuseAddr(boolean on) {
        return new SocketOptions(rcvbuf, sndbuf, lingerZero, noDelay, congestion, on, keepAlive, keepIdleS,
                keepIntvlS, keepCnt, userTimeoutMs, userMss, notsentLowat, ipTos, pmtudisc);
    }

    /** The same options with TCP_USER_TIMEOUT set (ms). */
    public SocketOptions withUserTimeoutMs(int ms) {
        return new SocketOptions(rcvbuf, sndbuf, lingerZero, noDelay, congestion, reuseAddr, keepAlive, keepIdleS,
                keepIntvlS, keepCnt, ms, userMss, notsentLowat, ipTos, pmtudisc);
    }

    /** The same options with SO_SNDBUF as the application passed it. */
    public SocketOptions withSndbuf(int bytes) {
        return new SocketOptions(rcvbuf, bytes, lingerZero, noDelay, congestion, reuseAddr, keepAlive, keepIdleS,
                keepIntvlS, keepCnt, userTimeoutMs, userMss, notsentLowat, ipTos, pmtudisc);
    }

    /** The same options with SO_KEEPALIVE, TCP_KEEPIDLE, TCP_KEEPINTVL and TCP_KEEPCNT as given. */
    public SocketOptions withKeepalive(boolean on, int idleS, int intvlS, int cnt) {
        return new SocketOptions(rcvbuf, sndbuf, lingerZero, noDelay, congestion, reuseAddr, on, idleS, intvlS, cnt,
                userTimeoutMs, userMss, notsentLowat, ipTos, pmtudisc);
    }

    /** The same options with TCP_CONGESTION set to {@code choice}. */
    public SocketOptions withCongestion(CongestionChoice choice) {
        return new SocketOptions(rcvbuf, sndbuf, lingerZero, noDelay, choice, reuseAddr, keepAlive, keepIdleS,
                keepIntvlS, keepCnt, userTimeoutMs, userMss, notsentLowat, ipTos, pmtudisc);
    }

    /** The same options with SO_RCVBUF as the application passed it. */
    public SocketOptions withRcvbuf(int bytes) {
        return new SocketOptions(bytes, sndbuf, lingerZero, noDelay, congestion, reuseAddr, keepAlive, keepIdleS,
                keepIntvlS, keepCnt, userTimeoutMs, userMss, notsentLowat, ipTos, pmtudisc);
    }

    /** The same options with TCP_MAXSEG (user_mss) set; 0 clears it. */
    public SocketOptions withUserMss(int mss) {
        return new SocketOptions(rcvbuf, sndbuf, lingerZero, noDelay, congestion, reuseAddr, keepAlive, keepIdleS,
                keepIntvlS, keepCnt, userTimeoutMs, mss, notsentLowat, ipTos, pmtudisc);
    }

    /** The same options with TCP_NOTSENT_LOWAT set; 0 falls back to the sysctl. */
    public SocketOptions withNotsentLowat(int bytes) {
        return new SocketOptions(rcvbuf, sndbuf, lingerZero, noDelay, congestion, reuseAddr, keepAlive, keepIdleS,
                keepIntvlS, keepCnt, userTimeoutMs, userMss, bytes, ipTos, pmtudisc);
    }

    /** The same options with IP_TOS as the kernel keeps it (see {@link SocketOptionCalls#ipTos}). */
    public SocketOptions withIpTos(int tos) {
        return new SocketOptions(rcvbuf, sndbuf, lingerZero, noDelay, congestion, reuseAddr, keepAlive, keepIdleS,
                keepIntvlS, keepCnt, userTimeoutMs, userMss, notsentLowat, tos, pmtudisc);
    }

    /** The same options with IP_MTU_DISCOVER set (IP_PMTUDISC_DONT to IP_PMTUDISC_OMIT). */
    public SocketOptions withPmtudisc(int mode) {
        return new SocketOptions(rcvbuf, sndbuf, lingerZero, noDelay, congestion, reuseAddr, keepAlive, keepIdleS,
                keepIntvlS, keepCnt, userTimeoutMs, userMss, notsentLowat, ipTos, mode);
    }

    /**
     * ip_dont_fragment: DF on TCP's packets (ip_queue_xmit, ip_build_and_send_pkt) only for
     * IP_PMTUDISC_DO and IP_PMTUDISC_WANT (the route's MTU is never locked in the model); DONT,
     * PROBE, INTERFACE and OMIT send without DF. Measured on 6.18.44: the same six cases over lo.
     */
    public boolean dontFragment() {
        return pmtudisc == IP_PMTUDISC_DO || pmtudisc == IP_PMTUDISC_WANT;
    }

    /**
     * tcp_mss_clamp: the MSS a socket advertises and takes as its own ceiling, the route's {@code mss}
     * lowered to TCP_MAXSEG when that is set and smaller.
     */
    public int clampMss(int mss) {
        return userMss > 0 && userMss < mss ? userMss : mss;
    }
}
