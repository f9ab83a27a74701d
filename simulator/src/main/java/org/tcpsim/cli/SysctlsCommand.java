package org.tcpsim.cli;

import java.util.concurrent.Callable;
import org.tcpsim.experiment.HostSpec;
import org.tcpsim.experiment.ModelledSysctls;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.SysctlRegistry;
import org.tcpsim.kernel.SysctlSpec;
import org.tcpsim.kernel.Sysctls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `tcpsim sysctls`: every sysctl a host accepts, with its default on a kernel profile and one line of doc. */
@Command(name = "sysctls", mixinStandardHelpOptions = true,
        description = "List the sysctls hosts accept (\"sysctl\": {...}), their defaults and what they do.")
final class SysctlsCommand implements Callable<Integer> {
    @Option(names = "--kernel", defaultValue = "6.18", description = "kernel profile: 6.18 or 4.9 (default: ${DEFAULT-VALUE})")
    String kernel;

    @Option(names = "--markdown", description = "print a Markdown table (for the README)")
    boolean markdown;

    @Override
    public Integer call() {
        KernelVersion k = KernelVersion.parse(kernel).orElseThrow(
                () -> new Main.BadInput("unknown kernel profile \"" + kernel + "\" (modelled: " + KernelVersion.labels() + ")"));
        Sysctls defaults = Sysctls.defaults(k, HostSpec.DEFAULT_MEMORY);
        if (markdown) {
            System.out.printf("| sysctl | default on %s (16 GiB host) | modelled | what it does |%n|---|---|---|---|%n",
                    k.label());
        } else {
            System.out.printf("# kernel %s, host memory %d GiB (defaults that scale with RAM are marked *);"
                    + " modelled: whether the simulator reads it (a knob it does not read changes nothing)%n",
                    k.label(), HostSpec.DEFAULT_MEMORY >> 30);
            System.out.printf("%-48s %-24s %-22s %s%n", "# sysctl", "default", "modelled", "what it does");
        }
        for (SysctlSpec s : SysctlRegistry.linux().all()) {
            SysctlSpec.Variant v = s.variants().get(k);
            if (v == null) {
                continue;
            }
            String value = "\"" + defaults.text(s.name()).replace('\t', ' ') + "\"" + (v.memoryDerived() ? "*" : "");
            if (markdown) {
                System.out.printf("| `%s` | `%s` | %s | %s |%n", s.name(), value, ModelledSysctls.column(s.name()),
                        s.doc().replace("|", "\\|"));
            } else {
                System.out.printf("%-48s %-24s %-22s %s%n", s.name(), value, ModelledSysctls.column(s.name()), s.doc());
            }
        }
        return 0;
    }
}
