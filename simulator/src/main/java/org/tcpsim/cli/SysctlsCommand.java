package org.tcpsim.cli;

import java.util.Set;
import java.util.concurrent.Callable;
import org.tcpsim.experiment.HostSpec;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.SysctlRegistry;
import org.tcpsim.kernel.SysctlSpec;
import org.tcpsim.kernel.Sysctls;
import org.tcpsim.tcp.TcpSettings;
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

    /** Whether a model reads the knob, or it is only accepted and validated for now. */
    static String modelled(String name) {
        return TcpSettings.READ.contains(name) || EXTRA_READ.contains(name) ? "yes" : "accepted, not read yet";
    }

    /** Knobs read outside the TCP model (softnet backlog). */
    private static final Set<String> EXTRA_READ = Set.of("net.core.netdev_max_backlog");

    @Override
    public Integer call() {
        KernelVersion k = KernelVersion.parse(kernel).orElseThrow(
                () -> new Main.BadInput("unknown kernel profile \"" + kernel + "\" (modelled: " + KernelVersion.labels() + ")"));
        Sysctls defaults = Sysctls.defaults(k, HostSpec.DEFAULT_MEMORY);
        if (markdown) {
            System.out.printf("| sysctl | default on %s (16 GiB host) | modelled | what it does |%n|---|---|---|---|%n",
                    k.label());
        } else {
            System.out.printf("# kernel %s, host memory %d GiB (defaults that scale with RAM are marked *)%n",
                    k.label(), HostSpec.DEFAULT_MEMORY >> 30);
        }
        for (SysctlSpec s : SysctlRegistry.linux().all()) {
            SysctlSpec.Variant v = s.variants().get(k);
            if (v == null) {
                continue;
            }
            String value = "\"" + defaults.text(s.name()).replace('\t', ' ') + "\"" + (v.memoryDerived() ? "*" : "");
            if (markdown) {
                System.out.printf("| `%s` | `%s` | %s | %s |%n", s.name(), value, modelled(s.name()),
                        s.doc().replace("|", "\\|"));
            } else {
                System.out.printf("%-48s %-24s %s%n", s.name(), value, s.doc());
            }
        }
        return 0;
    }
}
