package org.tcpsim.experiment;

import java.nio.file.Path;
import org.tcpsim.config.ConfigException;
import org.tcpsim.config.ConfigNode;
import org.tcpsim.config.LocatedDocument;
import org.tcpsim.config.Problems;
import org.tcpsim.plugin.PluginRegistry;

/** A reusable topology file ({"nodes": [...], "links": [...]}) on its own, for `tcpsim validate`. */
public final class TopologyFile {
    private TopologyFile() {
    }

    /** True if the file parses as an object with "nodes" and no "name" (experiments have a name). */
    public static boolean looksLikeTopology(Path file) {
        try {
            LocatedDocument doc = LocatedDocument.parse(file);
            return doc.root().isObject() && doc.root().has("nodes") && !doc.root().has("name");
        } catch (ConfigException e) {
            return false;
        }
    }

    public static TopologySpec validate(Path file) throws ConfigException {
        return validate(file, PluginRegistry.builtin());
    }

    /** Validates with these plugins' loss models. */
    public static TopologySpec validate(Path file, PluginRegistry plugins) throws ConfigException {
        LocatedDocument doc = LocatedDocument.parse(file);
        Problems problems = new Problems();
        TopologySpec spec = TopologyReader.read(ConfigNode.root(doc, problems), plugins);
        problems.throwIfAny();
        return spec;
    }
}
