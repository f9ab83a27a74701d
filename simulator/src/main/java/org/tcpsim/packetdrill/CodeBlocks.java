package org.tcpsim.packetdrill;

import java.util.HashMap;
import java.util.Map;
import org.tcpsim.tcp.TcpInfo;

/**
 * {@code %{ ... }%} blocks. packetdrill records the socket's TCP_INFO at the block's time and runs
 * the Python at the end of the script; here the assertions those scripts write are evaluated
 * without Python ({@link PyExpr}: integers, names, arithmetic, chained comparisons, and/or/not,
 * {@code assert e[, message]} and {@code NAME = e}), against the values recorded at that time. A
 * failed assertion is reported at the end, as packetdrill reports it, unless the script failed
 * before.
 */
final class CodeBlocks {
    private final ScriptRun run;
    private final Map<String, Long> globals = new HashMap<>();
    private String firstFailure;

    CodeBlocks(ScriptRun run) {
        this.run = run;
        // code.c: write_symbols
        String[] states = {"TCP_ESTABLISHED", "TCP_SYN_SENT", "TCP_SYN_RECV", "TCP_FIN_WAIT1", "TCP_FIN_WAIT2",
            "TCP_TIME_WAIT", "TCP_CLOSE", "TCP_CLOSE_WAIT", "TCP_LAST_ACK", "TCP_LISTEN", "TCP_CLOSING"};
        for (int i = 0; i < states.length; i++) {
            globals.put(states[i], (long) i + 1);
        }
        String[] ca = {"TCP_CA_Open", "TCP_CA_Disorder", "TCP_CA_CWR", "TCP_CA_Recovery", "TCP_CA_Loss"};
        for (int i = 0; i < ca.length; i++) {
            globals.put(ca[i], (long) i);
        }
        globals.put("TCPI_OPT_TIMESTAMPS", 1L);
        globals.put("TCPI_OPT_SACK", 2L);
        globals.put("TCPI_OPT_WSCALE", 4L);
        globals.put("TCPI_OPT_ECN", 8L);
        globals.put("TCPI_OPT_ECN_SEEN", 16L);
        globals.put("TCPI_OPT_SYN_DATA", 32L);
    }

    /** run_code_event: the socket under test's TCP_INFO now, and the block run over it. */
    void collect(String text) {
        Sock s = run.sut;
        if (s == null || s.live == null) {
            throw run.fail("no socket to use for code");
        }
        Map<String, Long> info = TcpInfo.of(s.live, run.nowNs());
        Map<String, Long> scope = new HashMap<>(globals);
        scope.putAll(info);
        try {
            String failure = PyExpr.exec(text, scope, name -> {
                if (name.startsWith("tcpi_")) {
                    throw new Calls.Unsupported(new UnsupportedConstruct(name + " in %{ }% (a TCP_INFO field the "
                            + "model does not keep)", run.event.line()));
                }
                return null;
            });
            for (Map.Entry<String, Long> e : scope.entrySet()) {
                if (!info.containsKey(e.getKey())) {
                    globals.put(e.getKey(), e.getValue());
                }
            }
            if (failure != null && firstFailure == null) {
                firstFailure = run.path + ":" + run.event.line() + ": assertion failed: " + failure;
            }
        } catch (PyExpr.PySyntaxError e) {
            throw new Calls.Unsupported(new UnsupportedConstruct("Python in %{ }%: " + e.getMessage(),
                    run.event.line()));
        }
    }

    /** The first failed assertion, to report once the script has otherwise run to its end, or null. */
    String failure() {
        return firstFailure;
    }
}
