package org.tcpsim.app;

import java.util.Map;
import org.tcpsim.config.ConfigNode;
import org.tcpsim.tcp.SocketOptions;
import org.tcpsim.tcp.congestion.CongestionControls;

/** Reads {@code "sockopt": {"SO_RCVBUF": "64KiB", "TCP_CONGESTION": "cubic", ...}} with the Linux option names. */
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
        String cc = o.optString("TCP_CONGESTION", null);
        Map<String, ?> available = CongestionControls.available();
        if (cc != null && !available.containsKey(cc)) {
            o.problemAt("TCP_CONGESTION", "no congestion control named '" + cc + "' is loaded (ENOENT); available: "
                    + String.join(", ", available.keySet()));
            cc = null;
        }
        o.finish();
        return new SocketOptions(rcvbuf, sndbuf, lingerZero, noDelay, cc, reuseAddr);
    }
}
