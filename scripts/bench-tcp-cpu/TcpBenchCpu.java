import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.tcpsim.bench.TcpBulkBenchmark;

/**
 * The flows of `tcpsim bench --suite tcp` (1 Gbps x 20 ms) measured in CPU time instead of wall
 * time: TcpBulkBenchmark.run REPS times in one JVM, each printed as packet-hops per second of the
 * main thread's CPU time (the simulation; GC and JIT threads left out), of the process's CPU time
 * and of wall time. Runs through the public TcpBulkBenchmark.run(int, long, long, long), which
 * every jar since 43a6108 has, so jars of different days compare. Usage (Java's source-file mode):
 * java -cp JAR TcpBenchCpu.java FLOWS SIMULATED_SECONDS REPS
 */
public class TcpBenchCpu {
    public static void main(String[] a) {
        int flows = Integer.parseInt(a[0]);
        long simNs = Long.parseLong(a[1]) * 1_000_000_000L;
        int reps = Integer.parseInt(a[2]);
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < reps; i++) {
            long t0 = tm.getCurrentThreadCpuTime();
            long p0 = os.getProcessCpuTime();
            long w0 = System.nanoTime();
            TcpBulkBenchmark.Result r = TcpBulkBenchmark.run(flows, 1_000_000_000L, 20_000_000L, simNs);
            long t = tm.getCurrentThreadCpuTime() - t0;
            long p = os.getProcessCpuTime() - p0;
            long w = System.nanoTime() - w0;
            System.out.printf("flows=%d rep=%d packets=%d threadcpu=%.3fs proccpu=%.3fs wall=%.3fs"
                    + "  Mpps: thread %.3f proc %.3f wall %.3f%n", flows, i, r.packets(), t / 1e9, p / 1e9, w / 1e9,
                    r.packets() / (t / 1e3), r.packets() / (p / 1e3), r.packets() / (w / 1e3));
        }
    }
}
