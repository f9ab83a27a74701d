package org.tcpsim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tcpsim.api.Parameter;
import org.tcpsim.config.Units;
import org.tcpsim.plugin.PluginInfo;
import org.tcpsim.plugin.PluginKind;
import org.tcpsim.plugin.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** `tcpsim plugins`: every plugin loaded, by kind, with its parameters and where it came from. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = {"List the workload types, loss models and congestion controls: the built-in ones and those of",
                "plugin jars (--plugins DIR, TCPSIM_PLUGINS, plugins/ beside each EXPERIMENT.json given), each with",
                "its JSON parameters and the jar it came from."})
final class PluginsCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(paramLabel = "EXPERIMENT.json", arity = "0..*",
            description = "also load the plugins/ directory beside these experiment files")
    List<Path> experiments = new ArrayList<>();

    @Override
    public Integer call() {
        PluginRegistry registry = main.plugins(experiments);
        for (PluginKind kind : PluginKind.values()) {
            System.out.println(kind.label() + "s (" + kind.usage() + "):");
            for (PluginInfo p : registry.list()) {
                if (p.kind() != kind) {
                    continue;
                }
                System.out.printf("  %-18s %s  [%s]%n", p.name(), p.description(), p.source());
                for (Parameter param : p.parameters()) {
                    System.out.printf("      %-22s %s%n", param.name() + " = " + defaultText(param), param.doc());
                }
            }
        }
        return 0;
    }

    /** The default as JSON writes it ("required" without one), with the allowed range or values. */
    static String defaultText(Parameter p) {
        if (p.isRequired()) {
            return "(required " + p.kind().name().toLowerCase() + ")";
        }
        Object d = p.defaultValue();
        String text = switch (p.kind()) {
            case DURATION -> "\"" + Units.formatDurationNs((Long) d) + "\"";
            case RATE -> "\"" + Units.formatRateBps((Long) d) + "\"";
            case SIZE -> "\"" + Units.formatSizeBytes((Long) d) + "\"";
            case STRING -> "\"" + d + "\"";
            default -> String.valueOf(d);
        };
        return switch (p.kind()) {
            case INTEGER -> text + " [" + (long) p.min() + ".." + (p.max() >= Integer.MAX_VALUE ? "" : (long) p.max()) + "]";
            case NUMBER -> text + " [" + p.min() + ".." + p.max() + "]";
            case STRING -> p.allowed().isEmpty() ? text : text + " " + p.allowed();
            default -> text;
        };
    }
}
