package org.tcpsim.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a summary column or timeseries metric means, in words, and its unit: the axis titles of a
 * chart ("storm-a: connections completed", "bulk: goodput (bit/s)"). Names follow the README's
 * output section; a name not listed there gets its unit from its suffix (_bps, _s, _rate, bytes).
 *
 * @param subject the workload, flow or host the value belongs to ("storm-a", "server"), or ""
 * @param meaning what is measured ("connections completed")
 */
public record ColumnMeaning(String subject, String meaning, Unit unit) {
    /** Metric names of workloads (after "NAME."), longest match first; "*" stands for the rest of the name. */
    private static final Map<String, Object[]> METRICS = new LinkedHashMap<>();

    static {
        metric("goodput_bps", "goodput", Unit.BITS_PER_SECOND);
        metric("bytes", "bytes delivered", Unit.BYTES);
        metric("bytes_received", "bytes received", Unit.BYTES);
        metric("bytes_sent", "bytes sent", Unit.BYTES);
        metric("retransmits", "segments retransmitted", Unit.NONE);
        metric("flows_completed", "flows completed", Unit.NONE);
        metric("accepted", "connections accepted", Unit.NONE);
        metric("closed", "connections closed", Unit.NONE);
        metric("responses", "responses sent", Unit.NONE);
        metric("accept_queue", "accept queue", Unit.NONE);
        metric("max_accept_queue", "longest accept queue", Unit.NONE);
        metric("syn_queue", "SYN queue", Unit.NONE);
        metric("fds", "descriptors open", Unit.NONE);
        metric("busy_workers", "busy workers", Unit.NONE);
        metric("attempted", "connections attempted", Unit.NONE);
        metric("ok", "connections completed", Unit.NONE);
        metric("failed", "connections failed", Unit.NONE);
        metric("open", "connections still open", Unit.NONE);
        metric("started", "requests started", Unit.NONE);
        metric("completed", "requests completed", Unit.NONE);
        metric("clients", "clients", Unit.NONE);
        metric("sent", "sent", Unit.NONE);
        metric("received", "received", Unit.NONE);
        metric("loss_rate", "loss rate", Unit.FRACTION);
        metric("reorder_rate", "reordering rate", Unit.FRACTION);
        metric("duplicate_rate", "duplicate rate", Unit.FRACTION);
        metric("delay_mean_s", "one-way delay, mean", Unit.SECONDS);
        metric("delay_max_s", "one-way delay, max", Unit.SECONDS);
        metric("latency_mean_s", "latency, mean", Unit.SECONDS);
        metric("latency_max_s", "latency, max", Unit.SECONDS);
        metric("cwnd", "cwnd (segments)", Unit.NONE);
        metric("srtt_s", "smoothed RTT", Unit.SECONDS);
        metric("completed_per_s", "connections completed per second", Unit.PER_SECOND);
        metric("failed_per_s", "connections failed per second", Unit.PER_SECOND);
    }

    private static final Pattern FAILED_ERRNO = Pattern.compile("(.+)\\.failed\\.([A-Z_]+)");
    private static final Pattern ACCEPT_ERRNO = Pattern.compile("(.+)\\.accept_errors\\.([A-Z_]+)");
    private static final Pattern PERCENTILE = Pattern.compile("(.+)\\.(connect_latency|response_time)_(mean|p50|p99|max)_s");
    private static final Pattern COUNTER = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]*):([A-Z][A-Za-z0-9_:-]*)");

    private static void metric(String name, String meaning, Unit unit) {
        METRICS.put(name, new Object[] {meaning, unit});
    }

    /** "subject: meaning", or the meaning alone. */
    public String label() {
        return subject.isEmpty() ? meaning : subject + ": " + meaning;
    }

    /** The axis title of this one column: "storm-a: connections completed", "bulk: goodput (bit/s)". */
    public String title() {
        return unit.title(label());
    }

    public static ColumnMeaning of(String name) {
        Matcher m;
        if (name.startsWith("tcp.state.")) {
            return new ColumnMeaning("", "sockets in " + name.substring("tcp.state.".length()), Unit.NONE);
        }
        if (name.startsWith("qdisc.backlog_packets:")) {
            return new ColumnMeaning("", "packets queued " + name.substring(name.indexOf(':') + 1), Unit.NONE);
        }
        if (name.startsWith("netdev.backlog.cpu")) {
            return new ColumnMeaning("", "softnet backlog of CPU " + name.substring("netdev.backlog.cpu".length()),
                    Unit.NONE);
        }
        switch (name) {
            case "tcp_mem.pages": return new ColumnMeaning("", "TCP memory (4 KiB pages)", Unit.NONE);
            case "tcp_mem.pressure": return new ColumnMeaning("", "TCP memory pressure (0/1)", Unit.NONE);
            case "net.packets_sent": return new ColumnMeaning("", "packets sent", Unit.NONE);
            case "net.packets_delivered": return new ColumnMeaning("", "packets delivered", Unit.NONE);
            case "t_s": return new ColumnMeaning("", "time", Unit.SECONDS);
            default: break;
        }
        if (name.startsWith("net.drops.")) {
            return new ColumnMeaning("", "packets dropped (" + name.substring("net.drops.".length()).replace('_', ' ')
                    + ")", Unit.NONE);
        }
        if ((m = COUNTER.matcher(name)).matches()) {
            return new ColumnMeaning(m.group(1), m.group(2), Unit.NONE);
        }
        if ((m = FAILED_ERRNO.matcher(name)).matches()) {
            return new ColumnMeaning(m.group(1), "connections failed with " + m.group(2), Unit.NONE);
        }
        if ((m = ACCEPT_ERRNO.matcher(name)).matches()) {
            return new ColumnMeaning(m.group(1), "accept() failing with " + m.group(2), Unit.NONE);
        }
        if ((m = PERCENTILE.matcher(name)).matches()) {
            String what = m.group(2).equals("connect_latency") ? "connect latency" : "response time";
            return new ColumnMeaning(m.group(1), what + ", " + m.group(3), Unit.SECONDS);
        }
        for (Map.Entry<String, Object[]> e : METRICS.entrySet()) {
            if (name.endsWith("." + e.getKey())) {
                return new ColumnMeaning(name.substring(0, name.length() - e.getKey().length() - 1),
                        (String) e.getValue()[0], (Unit) e.getValue()[1]);
            }
        }
        return new ColumnMeaning("", name, suffixUnit(name));
    }

    /** Unit from a name's suffix, as the README's output section names them. */
    private static Unit suffixUnit(String name) {
        if (name.endsWith("_bps")) {
            return Unit.BITS_PER_SECOND;
        }
        if (name.endsWith("_s")) {
            return Unit.SECONDS;
        }
        if (name.endsWith("_rate")) {
            return Unit.FRACTION;
        }
        if (name.endsWith("bytes")) {
            return Unit.BYTES;
        }
        return Unit.NONE;
    }

    /**
     * One title for several columns on an axis: their shared meaning when only the subject differs
     * ("connections completed" for storm-a.ok and storm-b.ok), else "value", with the unit they
     * share.
     */
    public static String title(List<String> names) {
        if (names.size() == 1) {
            return of(names.get(0)).title();
        }
        ColumnMeaning first = of(names.get(0));
        boolean sameMeaning = true;
        boolean sameUnit = true;
        for (String n : names) {
            ColumnMeaning c = of(n);
            sameMeaning &= c.meaning().equals(first.meaning());
            sameUnit &= c.unit() == first.unit();
        }
        String meaning = sameMeaning ? first.meaning() : "value";
        return sameUnit ? first.unit().title(meaning) : meaning;
    }
}
