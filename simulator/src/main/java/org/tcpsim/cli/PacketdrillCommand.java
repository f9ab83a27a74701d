package org.tcpsim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.packetdrill.Outcome;
import org.tcpsim.packetdrill.Packetdrill;
import org.tcpsim.packetdrill.ScriptSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `tcpsim packetdrill`: run packetdrill scripts against the model of one host. */
@Command(name = "packetdrill", mixinStandardHelpOptions = true,
        description = {"Run packetdrill scripts against one simulated host: the script is the application and",
                "the remote peer (192.0.2.1), the host is the local kernel (192.168.0.1). Prints PASS, FAIL",
                "(with packetdrill's message: the script line, expected and actual packet or value, both",
                "times) or UNSUPPORTED (naming what the model does not run) per script. A directory runs",
                "every *.pkt under it. Exit status 0 if all passed, 2 if a script does not parse",
                "(FILE:LINE:COLUMN: what was expected), else 1."})
final class PacketdrillCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCRIPT.pkt", arity = "1..*", description = "scripts, or directories of them")
    List<Path> scripts;

    @Option(names = "--kernel", paramLabel = "6.18|4.9", description = "kernel profile of the local host (default 6.18)")
    String kernel = "6.18";

    @Option(names = "--tolerance-usecs", paramLabel = "N",
            description = "timing tolerance in microseconds (packetdrill's --tolerance_usecs; default 4000, or "
                    + "what the script sets)")
    Long toleranceUs;

    @Option(names = "--verbose", description = "print every packet injected and sniffed, and what was accepted "
            + "without an effect in the model")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        KernelVersion k = KernelVersion.parse(kernel).orElseThrow(
                () -> new Main.BadInput("--kernel: expected 6.18 or 4.9, found '" + kernel + "'"));
        if (toleranceUs != null && toleranceUs <= 0) {
            throw new Main.BadInput("--tolerance-usecs: expected a positive number of microseconds");
        }
        int status = 0;
        Set<String> notes = new LinkedHashSet<>();
        for (Path p : expand(scripts)) {
            try {
                Outcome o = Packetdrill.run(p, p.toString(), k, toleranceUs, verbose);
                System.out.println(o.status() + " " + p);
                if (o.status() != Outcome.Status.PASS) {
                    o.message().lines().forEach(l -> System.out.println("    " + l));
                    status = Math.max(status, Main.EXIT_FAILED);
                }
                notes.addAll(o.notes());
            } catch (ScriptSyntaxException e) {
                System.out.println("ERROR " + p);
                System.err.println(e.getMessage());
                status = Main.EXIT_BAD_INPUT;
            }
        }
        if (!notes.isEmpty()) {
            System.err.println("notes (accepted without an effect in the model, once each):");
            notes.forEach(n -> System.err.println("  " + n));
        }
        return status;
    }

    private static List<Path> expand(List<Path> args) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path a : args) {
            if (Files.isDirectory(a)) {
                try (Stream<Path> s = Files.walk(a)) {
                    s.filter(f -> f.toString().endsWith(".pkt")).sorted().forEach(out::add);
                }
            } else if (Files.isRegularFile(a)) {
                out.add(a);
            } else {
                throw new Main.BadInput(a + ": no such script or directory");
            }
        }
        return out;
    }
}
