import java.io.File;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * bench --suite tcp's shared-bottleneck flows (TcpBulkBenchmark.run: FLOWS over 1 Gbps x 20 ms) for
 * several jars inside one JVM, each jar in a class loader of its own, taking turns run by run (ABBA:
 * the order flips every round so neither jar always runs first). The machine's speed drifts by tens
 * of per cent within minutes; runs a second apart see the same drift, so their ratio is steadier than
 * that of two JVMs run one after the other. Prints one line per round: each jar's wall rate in M
 * packet-hops/s, marked 'g' when a garbage collection ran during it (a jar that allocates per packet
 * pays its collections, and they land in whichever jar's run fills the young generation). Runs through
 * the public TcpBulkBenchmark.run(int, long, long, long) and Result.packets() every jar since 43a6108
 * has. Usage (Java's source-file mode): java -Xmx4g -XX:+UseParallelGC BenchAb.java JAR... FLOWS
 * SIMULATED_SECONDS ROUNDS
 */
public class BenchAb {
    public static void main(String[] args) throws Exception {
        int jars = args.length - 3;
        if (jars < 1) {
            System.err.println("usage: BenchAb JAR... FLOWS SIMULATED_SECONDS ROUNDS");
            System.exit(2);
        }
        int flows = Integer.parseInt(args[jars]);
        long simulatedNs = Long.parseLong(args[jars + 1]) * 1_000_000_000L;
        int rounds = Integer.parseInt(args[jars + 2]);
        Method[] run = new Method[jars];
        Method[] packets = new Method[jars];
        for (int i = 0; i < jars; i++) {
            // the platform loader as parent: no class of one jar is visible to another
            ClassLoader loader = new URLClassLoader(new URL[] {new File(args[i]).toURI().toURL()},
                    ClassLoader.getPlatformClassLoader());
            run[i] = Class.forName("org.tcpsim.bench.TcpBulkBenchmark", true, loader)
                    .getMethod("run", int.class, long.class, long.class, long.class);
            packets[i] = Class.forName("org.tcpsim.bench.TcpBulkBenchmark$Result", true, loader).getMethod("packets");
        }
        for (int r = 0; r < rounds; r++) {
            StringBuilder line = new StringBuilder("round " + r);
            for (int k = 0; k < jars; k++) {
                int i = r % 2 == 0 ? k : jars - 1 - k;
                long collections = collections();
                long start = System.nanoTime();
                Object result = run[i].invoke(null, flows, 1_000_000_000L, 20_000_000L, simulatedNs);
                long wallNs = System.nanoTime() - start;
                long hops = (Long) packets[i].invoke(result);
                line.append(String.format(" jar%d %.3f%s", i, hops / (wallNs / 1e3), collections() != collections ? "g" : ""));
            }
            System.out.println(line);
        }
    }

    private static long collections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += gc.getCollectionCount();
        }
        return n;
    }
}
