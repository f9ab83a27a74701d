package org.tcpsim.app;

import org.tcpsim.config.ConfigNode;
import org.tcpsim.net.Ipv4Address;

/**
 * A destination as users write it: "10.0.0.2:5001", "10.0.0.2", or a host name ("server:5001").
 *
 * @param port -1 when the text gave none
 */
public record Endpoint(String node, int address, int port) {

    /** Parses {@code node.get(key)}; records a problem and returns null when it is not a reachable endpoint. */
    public static Endpoint read(ConfigNode parent, String key, WorkloadSetting setting, String fromNode) {
        String text = parent.requireString(key);
        if (text == null) {
            return null;
        }
        String hostPart = text;
        int port = -1;
        int colon = text.lastIndexOf(':');
        if (colon >= 0) {
            hostPart = text.substring(0, colon);
            String portText = text.substring(colon + 1);
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                port = -2;
            }
            if (port < 1 || port > 65535) {
                parent.problemAt(key, "expected a port number 1-65535 after ':' in \"" + text + "\"");
                return null;
            }
        }
        String nodeName;
        int address;
        if (setting.isHost(hostPart)) {
            nodeName = hostPart;
            address = setting.addressOf(hostPart);
        } else {
            try {
                address = Ipv4Address.parse(hostPart);
            } catch (IllegalArgumentException e) {
                parent.problemAt(key, "expected \"ADDRESS[:PORT]\" or \"HOST[:PORT]\" naming a host of the topology, got \""
                        + text + "\"");
                return null;
            }
            nodeName = setting.nodeOfAddress(address);
            if (nodeName == null) {
                parent.problemAt(key, "no node of the topology has address " + hostPart);
                return null;
            }
        }
        if (fromNode != null && setting.isHost(fromNode) && !setting.connected(fromNode, nodeName)) {
            parent.problemAt(key, "no route from '" + fromNode + "' to '" + nodeName + "' (" + hostPart
                    + "): the topology does not connect them");
            return null;
        }
        return new Endpoint(nodeName, address, port);
    }

    /** Reads a host name field that must name a host node. */
    public static String readHost(ConfigNode parent, String key, WorkloadSetting setting) {
        String name = parent.requireString(key);
        if (name != null && !setting.isHost(name)) {
            parent.problemAt(key, "'" + name + "' is not a host of the topology");
            return null;
        }
        return name;
    }
}
