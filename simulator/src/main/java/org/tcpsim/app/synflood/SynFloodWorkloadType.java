package org.tcpsim.app.synflood;

import org.tcpsim.app.Endpoint;
import org.tcpsim.app.Workload;
import org.tcpsim.app.WorkloadSetting;
import org.tcpsim.app.WorkloadType;
import org.tcpsim.config.ConfigNode;
import org.tcpsim.net.Ipv4Address;

/** {@code "type": "syn-flood"}: SYNs that never complete the handshake, from spoofed sources. */
public final class SynFloodWorkloadType implements WorkloadType {
    /** RFC 2544's benchmarking block: routed nowhere in a topology that does not use it. */
    static final String DEFAULT_SPOOF = "198.18.0.0/15";

    @Override
    public String name() {
        return "syn-flood";
    }

    @Override
    public String description() {
        return "SYNs at a fixed or Poisson rate that never complete the handshake, from random source addresses "
                + "of a CIDR block (spoof) nobody owns, so half-open requests pile up at the listener";
    }

    @Override
    public Workload parse(ConfigNode node, WorkloadSetting setting) {
        node.markKnown("type", "name");
        String from = Endpoint.readHost(node, "from", setting);
        Endpoint to = Endpoint.read(node, "to", setting, from);
        if (to != null && to.port() < 0) {
            node.problemAt("to", "give the listening port, e.g. \"10.0.0.2:80\"");
            to = null;
        }
        double rate = node.requireEventRate("rate");
        boolean poisson = "poisson".equals(node.optEnum("arrival", "fixed", "fixed", "poisson"));
        long start = node.optDurationNs("start", 0);
        long stop = setting.stopNs(node, start, setting.durationNs());
        long count = node.optLong("count", Long.MAX_VALUE, 1, Long.MAX_VALUE);
        String spoof = node.optString("spoof", DEFAULT_SPOOF);
        int network = 0;
        int prefix = -1;
        if (spoof != null && !"none".equals(spoof)) {
            int slash = spoof.indexOf('/');
            try {
                if (slash < 0) {
                    throw new IllegalArgumentException("no prefix length");
                }
                prefix = Integer.parseInt(spoof.substring(slash + 1));
                if (prefix < 0 || prefix > 32) {
                    throw new IllegalArgumentException("prefix length above 32");
                }
                int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
                network = Ipv4Address.parse(spoof.substring(0, slash)) & mask;
                if (prefix >= 24 && everyAddressOwned(network, prefix, setting)) {
                    node.problemAt("spoof", "every address of " + spoof + " belongs to a node of the topology: "
                            + "spoofed sources must be addresses nobody owns");
                }
            } catch (IllegalArgumentException e) {
                node.problemAt("spoof", "expected \"none\" or a CIDR block like \"" + DEFAULT_SPOOF + "\", got \""
                        + spoof + "\"");
                prefix = -1;
            }
        }
        node.finish();
        if (from == null || to == null) {
            return null;
        }
        return new SynFloodWorkload(setting.workloadName(), from, to.node(), to.address(), to.port(), rate, poisson,
                start, stop, count, network, prefix);
    }

    private static boolean everyAddressOwned(int network, int prefix, WorkloadSetting setting) {
        long size = 1L << (32 - prefix);
        for (long i = 0; i < size; i++) {
            if (setting.nodeOfAddress(network + (int) i) == null) {
                return false;
            }
        }
        return true;
    }
}
