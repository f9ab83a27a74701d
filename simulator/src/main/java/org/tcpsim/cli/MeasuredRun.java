package org.tcpsim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java -cp tcpsim.jar org.tcpsim.cli.MeasuredRun RESULT ARGS...}: runs the tcpsim command
 * ARGS as {@code tcpsim} would, then writes its exit status and the process's peak resident set
 * (VmHWM from /proc/self/status, -1 where there is none) to the file RESULT. {@code bench --suite
 * scale} starts one per measurement, so that what it measures is a whole command: JVM start,
 * reading the experiment, the run and its output files.
 */
public final class MeasuredRun {
    private MeasuredRun() {
    }

    public static void main(String[] args) throws IOException {
        String[] command = new String[args.length - 1];
        System.arraycopy(args, 1, command, 0, command.length);
        int status = Main.execute(command);
        Files.writeString(Path.of(args[0]), "exit " + status + "\npeak_rss_kb " + peakRssKb() + "\n");
        System.exit(status);
    }

    /** VmHWM, the high-water mark of the resident set, in kB; -1 without /proc. */
    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
