package org.tcpsim.experiment;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tcpsim.app.ConnectionRecord;
import org.tcpsim.app.ConnectionSink;
import org.tcpsim.app.FlowRecord;
import org.tcpsim.app.FlowSink;
import org.tcpsim.app.TimeseriesSink;
import org.tcpsim.output.CsvWriter;
import org.tcpsim.output.PcapWriter;
import org.tcpsim.output.RunDirectory;
import org.tcpsim.tcp.TcpStack;

/** The CSV files of one run, open for streaming while it executes. Column lists are the contract (README). */
final class RunOutputs implements Closeable, TimeseriesSink, FlowSink, ConnectionSink {
    static final List<String> TIMESERIES = List.of("t_s", "host", "metric", "value");
    static final List<String> COUNTERS = List.of("host", "counter", "value");
    static final List<String> STATES = List.of("t_s", "host", "conn_id", "from", "to", "cause");
    static final List<String> LINKS = List.of("link", "from", "to", "tx_packets", "tx_bytes", "dropped_queue",
            "dropped_loss", "dropped_mtu", "reordered", "duplicated", "delivered");

    final CsvWriter timeseries;
    final CsvWriter flows;
    final CsvWriter counters;
    final CsvWriter connections;
    final CsvWriter links;
    /** states.csv when --trace states, else null. */
    private final CsvWriter states;
    private final List<PcapWriter> pcaps = new ArrayList<>();

    RunOutputs(RunDirectory dir, RunOptions options, Map<String, TcpStack> tcp) throws IOException {
        timeseries = new CsvWriter(dir.file("timeseries.csv"), TIMESERIES);
        flows = new CsvWriter(dir.file("flows.csv"), FlowRecord.COLUMNS);
        counters = new CsvWriter(dir.file("counters.csv"), COUNTERS);
        connections = new CsvWriter(dir.file("connections.csv"), ConnectionRecord.COLUMNS);
        links = new CsvWriter(dir.file("links.csv"), LINKS);
        states = options.traceStates() ? new CsvWriter(dir.file("states.csv"), STATES) : null;
        for (Map.Entry<String, TcpStack> e : tcp.entrySet()) {
            String host = e.getKey();
            if (states != null) {
                e.getValue().setStateTrace((id, s, from, to, cause, now) -> states.seconds(now).text(host)
                        .integer(id).text(from.name()).text(to.name()).text(cause).endRow());
            }
            if (options.pcap()) {
                PcapWriter w = new PcapWriter(dir.file("pcap/" + host + ".pcap"));
                pcaps.add(w);
                e.getValue().setCapture(p -> w.write(e.getValue().now(), p));
            }
        }
    }

    @Override
    public void add(long timeNs, String host, String metric, double value) {
        timeseries.seconds(timeNs).text(host).text(metric).real(value).endRow();
    }

    @Override
    public void flow(FlowRecord r) {
        flows.text(r.flowId()).text(r.type()).text(r.src()).text(r.dst()).seconds(r.startNs()).seconds(r.endNs())
                .text(count(r.packetsSent())).text(count(r.packetsReceived())).integer(r.bytesSent())
                .integer(r.bytesReceived()).real(r.goodputBps()).real(r.lossRate()).integer(r.reordered())
                .integer(r.duplicates()).real(r.delayMeanS()).real(r.delayMaxS()).integer(r.retransmits())
                .real(r.busyS()).real(r.rwndLimitedS()).real(r.sndbufLimitedS());
        flows.endRow();
    }

    private static String count(long n) {
        return n == FlowRecord.NOT_COUNTED ? "" : Long.toString(n);
    }

    @Override
    public void connection(ConnectionRecord r) {
        connections.text(r.connId()).text(r.client()).text(r.server()).integer(r.localPort()).seconds(r.startNs());
        if (r.establishedNs() >= 0) {
            connections.seconds(r.establishedNs());
        } else {
            connections.empty();
        }
        if (r.endNs() >= 0) {
            connections.seconds(r.endNs());
        } else {
            connections.empty();
        }
        connections.text(r.outcome()).integer(r.bytesSent()).integer(r.bytesReceived()).integer(r.synRetransmits())
                .integer(r.retransmits());
        if (r.tcpConnId() >= 0) {
            connections.integer(r.tcpConnId());
        } else {
            connections.empty();
        }
        connections.endRow();
    }

    @Override
    public void connectFailed(String workload, long number, String client, String server, long startNs, long endNs,
                              String errno) {
        // the row connection() writes for a record without a socket: local_port 0, no t_established_s, zero counts
        connections.text(workload, '.', number).text(client).text(server).integer(0).seconds(startNs).empty()
                .seconds(endNs).text(errno).integer(0).integer(0).integer(0).integer(0).empty();
        connections.endRow();
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        List<Closeable> all = new ArrayList<>(List.of(timeseries, flows, counters, connections, links));
        if (states != null) {
            all.add(states);
        }
        all.addAll(pcaps);
        for (Closeable w : all) {
            try {
                w.close();
            } catch (IOException | UncheckedIOException e) {
                if (first == null) {
                    first = e instanceof IOException io ? io : new IOException(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
