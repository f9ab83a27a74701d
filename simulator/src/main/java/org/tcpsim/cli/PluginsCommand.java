package org.tcpsim.cli;

import java.util.concurrent.Callable;
import org.tcpsim.experiment.Plugins;
import org.tcpsim.tcp.CongestionControls;
import picocli.CommandLine.Command;

/** `tcpsim plugins`: the models found on the classpath (ServiceLoader), by the names JSON uses. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List the workload types, loss models and congestion controls on the classpath (add a jar to add more).")
final class PluginsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        Plugins p = Plugins.get();
        System.out.println("workload types (\"workloads\": [{\"type\": NAME, ...}]):");
        p.workloadTypes().values().forEach(w -> System.out.printf("  %-18s %s  [%s]%n", w.name(), w.description(),
                w.getClass().getName()));
        System.out.println("loss models (\"loss\": {\"model\": NAME, ...}):");
        p.lossModels().values().forEach(l -> System.out.printf("  %-18s %s  [%s]%n", l.name(), l.description(),
                l.getClass().getName()));
        System.out.println("congestion controls (net.ipv4.tcp_congestion_control, TCP_CONGESTION):");
        CongestionControls.available().values().forEach(c -> System.out.printf("  %-18s %s  [%s]%n", c.name(),
                c.description(), c.getClass().getName()));
        return 0;
    }
}
