package org.tcpsim.experiment;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.tcpsim.app.FlowRecord;
import org.tcpsim.app.FlowSink;
import org.tcpsim.app.TimeseriesSink;
import org.tcpsim.output.CsvWriter;
import org.tcpsim.output.RunDirectory;

/** The CSV files of one run, open for streaming while it executes. Column lists are the contract (README). */
final class RunOutputs implements Closeable, TimeseriesSink, FlowSink {
    static final List<String> TIMESERIES = List.of("t_s", "host", "metric", "value");
    static final List<String> COUNTERS = List.of("host", "counter", "value");
    static final List<String> CONNECTIONS = List.of("conn_id", "client", "server", "local_port", "t_start_s",
            "t_established_s", "t_end_s", "outcome", "bytes_sent", "bytes_received", "syn_retransmits", "retransmits");
    static final List<String> LINKS = List.of("link", "from", "to", "tx_packets", "tx_bytes", "dropped_queue",
            "dropped_loss", "dropped_mtu", "reordered", "duplicated", "delivered");

    final CsvWriter timeseries;
    final CsvWriter flows;
    final CsvWriter counters;
    final CsvWriter connections;
    final CsvWriter links;

    RunOutputs(RunDirectory dir) throws IOException {
        timeseries = new CsvWriter(dir.file("timeseries.csv"), TIMESERIES);
        flows = new CsvWriter(dir.file("flows.csv"), FlowRecord.COLUMNS);
        counters = new CsvWriter(dir.file("counters.csv"), COUNTERS);
        connections = new CsvWriter(dir.file("connections.csv"), CONNECTIONS);
        links = new CsvWriter(dir.file("links.csv"), LINKS);
    }

    @Override
    public void add(long timeNs, String host, String metric, double value) {
        timeseries.seconds(timeNs).text(host).text(metric).real(value).endRow();
    }

    @Override
    public void flow(FlowRecord r) {
        flows.text(r.flowId()).text(r.type()).text(r.src()).text(r.dst()).seconds(r.startNs()).seconds(r.endNs())
                .integer(r.packetsSent()).integer(r.packetsReceived()).integer(r.bytesSent())
                .integer(r.bytesReceived()).real(r.goodputBps()).real(r.lossRate()).integer(r.reordered())
                .integer(r.duplicates()).real(r.delayMeanS()).real(r.delayMaxS()).integer(r.retransmits());
        flows.endRow();
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (CsvWriter w : List.of(timeseries, flows, counters, connections, links)) {
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
