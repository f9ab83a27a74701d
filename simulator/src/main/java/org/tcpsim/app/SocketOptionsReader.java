package org.tcpsim.app;

import org.tcpsim.config.ConfigNode;
import org.tcpsim.tcp.CongestionChoice;
import org.tcpsim.tcp.SocketOptionCalls;
import org.tcpsim.tcp.SocketOptions;

/**
 * Reads {@code "sockopt": {"SO_RCVBUF": "64KiB", "TCP_CONGESTION": "cubic", "SO_KEEPALIVE": true,
 * "TCP_KEEPIDLE": 600, ...}} with the Linux option names.
 */
public final class SocketOptionsReader {
    private SocketOptionsReader() {
    }

    /** @param setting resolves TCP_CONGESTION's name against the loaded congestion controls */
    public static SocketOptions read(ConfigNode parent, WorkloadSetting setting) {
        ConfigNode o = parent.optObject("sockopt");
        if (o.isMissing()) {
            return SocketOptions.DEFAULTS;
        }
        int rcvbuf = (int) Math.min(Integer.MAX_VALUE, o.optSizeBytes("SO_RCVBUF", -1));
        int sndbuf = (int) Math.min(Integer.MAX_VALUE, o.optSizeBytes("SO_SNDBUF", -1));
        boolean lingerZero = o.has("SO_LINGER") && o.optInt("SO_LINGER", -1, -1, Integer.MAX_VALUE) == 0;
        boolean noDelay = o.optBool("TCP_NODELAY", false);
        boolean reuseAddr = o.optBool("SO_REUSEADDR", false);
        boolean keepAlive = o.optBool("SO_KEEPALIVE", false);
        // the ranges tcp_sock_set_keepidle / keepintvl / keepcnt accept (MAX_TCP_KEEPIDLE 32767 s, ...)
        int keepIdle = o.optInt("TCP_KEEPIDLE", 0, 1, 32767);
        int keepIntvl = o.optInt("TCP_KEEPINTVL", 0, 1, 32767);
        int keepCnt = o.optInt("TCP_KEEPCNT", 0, 1, 127);
        int userTimeout = o.optInt("TCP_USER_TIMEOUT", 0, 0, Integer.MAX_VALUE);
        int userMss = o.optInt("TCP_MAXSEG", 0, 88, 32767); // tcp_sock_set_maxseg: TCP_MIN_MSS to MAX_TCP_WINDOW
        int notsentLowat = (int) o.optLong("TCP_NOTSENT_LOWAT", 0, 0, 0xffffffffL); // bytes, u32 tp->notsent_lowat
        // IP_TOS: the TOS byte of the socket's packets, TCP's ECN bits left alone (__ip_sock_set_tos);
        // IP_MTU_DISCOVER: IP_PMTUDISC_DONT (0) .. IP_PMTUDISC_OMIT (5), DF only for WANT (1) and DO (2)
        int tos = SocketOptionCalls.ipTos(0, o.optInt("IP_TOS", 0, 0, 255));
        int pmtudisc = o.optInt("IP_MTU_DISCOVER", SocketOptions.IP_PMTUDISC_WANT, SocketOptions.IP_PMTUDISC_DONT,
                SocketOptions.IP_PMTUDISC_OMIT);
        CongestionChoice cc = o.has("TCP_CONGESTION") ? setting.congestionByName(o.get("TCP_CONGESTION")) : null;
        o.finish();
        return new SocketOptions(rcvbuf, sndbuf, lingerZero, noDelay, cc, reuseAddr, keepAlive, keepIdle, keepIntvl,
                keepCnt, userTimeout, userMss, notsentLowat, tos, pmtudisc);
    }
}
