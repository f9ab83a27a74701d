package org.tcpsim.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tcpsim.config.ConfigException;
import org.tcpsim.experiment.ExperimentFile;
import org.tcpsim.experiment.SweepPlan;
import org.tcpsim.experiment.TopologyFile;
import org.tcpsim.plugin.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** `tcpsim validate`: check experiment and topology files (every sweep point) without running anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check experiment files (every sweep point) and topology files; print each problem as",
                "FILE:LINE:COLUMN: at /json/pointer: what was expected. Exit status 2 if any.",
                "Sysctls the model does not read are warned about on stderr (not an error)."})
final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE.json", arity = "1..*", description = "experiment or topology files")
    List<Path> files;

    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        PluginRegistry plugins = main.plugins(files);
        int status = 0;
        for (Path f : files) {
            try {
                if (TopologyFile.looksLikeTopology(f)) {
                    TopologyFile.validate(f, plugins);
                    System.out.println(f + ": ok (topology)");
                } else {
                    ExperimentFile file = ExperimentFile.load(f, plugins);
                    SweepPlan plan = SweepPlan.of(file);
                    int runs = plan.runs().size();
                    System.out.println(f + ": ok (" + runs + (runs == 1 ? " run)" : " runs)"));
                    Warnings.unreadKnobs(file, plan.runs().get(0).experiment().topology(), Map.of(), true);
                }
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                status = Main.EXIT_BAD_INPUT;
            }
        }
        return status;
    }
}
