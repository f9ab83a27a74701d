package org.tcpsim.plugin;

import java.util.List;
import org.tcpsim.api.Parameter;
import org.tcpsim.api.ParameterException;
import org.tcpsim.api.Parameters;
import org.tcpsim.api.congestion.CongestionControlFactory;
import org.tcpsim.api.congestion.CongestionControlType;
import org.tcpsim.config.ConfigNode;
import org.tcpsim.tcp.CongestionChoice;

/**
 * Reads a congestion control where JSON names one: by name ({@code "cubic"}, as TCP_CONGESTION and
 * net.ipv4.tcp_congestion_control give it) or with module parameters
 * ({@code {"name": "cubic", "beta": 717}}), checked against what the module declares.
 */
public final class CongestionReader {
    private CongestionReader() {
    }

    /** A string or an object; null (with a problem reported on {@code node}) when it names nothing usable. */
    public static CongestionChoice read(ConfigNode node, PluginRegistry plugins) {
        if (node.isObject()) {
            return readObject(node, plugins);
        }
        return byName(node, plugins);
    }

    /** A name only: the module with its default parameters (the host's, if the host configured it). */
    public static CongestionChoice byName(ConfigNode node, PluginRegistry plugins) {
        String name = node.asString();
        if (name == null) {
            return null;
        }
        return named(node, plugins, name, null);
    }

    /** The module called {@code name}, reporting an unknown one on {@code node} (at {@code key} if given). */
    public static CongestionChoice named(ConfigNode node, PluginRegistry plugins, String name, String key) {
        if (!plugins.congestionControls().containsKey(name)) {
            String msg = PluginSources.notLoaded("congestion control", name, plugins.congestionControls().keySet())
                    + " (ENOENT)";
            if (key == null) {
                node.problem(msg);
            } else {
                node.problemAt(key, msg);
            }
            return null;
        }
        try {
            return plugins.congestionDefaults(name);
        } catch (PluginException e) {
            node.problem(e.getMessage());
            return null;
        }
    }

    private static CongestionChoice readObject(ConfigNode obj, PluginRegistry plugins) {
        String name = obj.requireString("name");
        if (name == null) {
            return null;
        }
        CongestionControlType type = plugins.congestionControls().get(name);
        if (type == null) {
            named(obj, plugins, name, "name");
            return null;
        }
        PluginInfo info = plugins.info(PluginKind.CONGESTION_CONTROL, name);
        List<Parameter> declared = info.parameters();
        Parameters params = ParameterReader.read(obj, declared, null);
        obj.finish();
        if (params == null) {
            return null;
        }
        try {
            CongestionControlFactory factory = type.configure(params);
            if (factory == null) {
                obj.problem("congestion control '" + name + "' (" + info.source() + ") configured nothing (null)");
                return null;
            }
            String bad = CongestionChoice.missingHooks(factory);
            if (bad != null) {
                obj.problem("congestion control '" + name + "' (" + info.source() + ") " + bad);
                return null;
            }
            return new CongestionChoice(name, factory, true);
        } catch (ParameterException e) {
            ParameterReader.report(obj, declared, e);
        } catch (RuntimeException | LinkageError e) {
            obj.problem("congestion control '" + name + "' (" + info.source() + ") failed to take these parameters: " + e);
        }
        return null;
    }
}
