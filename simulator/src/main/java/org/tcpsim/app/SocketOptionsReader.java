package org.tcpsim.app;

import java.util.Map;
import org.tcpsim.config.ConfigNode;
import org.tcpsim.tcp.SocketOptions;
import org.tcpsim.tcp.CongestionControls;

/**
 * Reads {@code "sockopt": {"SO_RCVBUF": "64KiB", "TCP_CONGESTION": "cubic", "SO_KEEPALIVE": true,
 * "TCP_KEEPIDLE": 600, ...}} with the Linux option names.
 */
public final class SocketOptionsReader {
    private SocketOptionsReader() {
    }

    public static SocketOptions read(ConfigNode parent) {
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
        String cc = o.optString("TCP_CONGESTION", null);
        Map<String, ?> available = CongestionControls.available();
        if (cc != null && !available.containsKey(cc)) {
            o.problemAt("TCP_CONGESTION", "no congestion control named '" + cc + "' is loaded (ENOENT); available: "
                    + String.join(", ", available.keySet()));
            cc = null;
        }
        o.finish();
        return new SocketOptions(rcvbuf, sndbuf, lingerZero, noDelay, cc, reuseAddr, keepAlive, keepIdle, keepIntvl,
                keepCnt, userTimeout);
    }
}
