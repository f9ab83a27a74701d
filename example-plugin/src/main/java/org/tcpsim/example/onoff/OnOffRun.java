package org.tcpsim.example.onoff;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.tcpsim.api.workload.AppSocket;
import org.tcpsim.api.workload.FlowRow;
import org.tcpsim.api.workload.Results;
import org.tcpsim.api.workload.SocketHandler;
import org.tcpsim.api.workload.Timeseries;
import org.tcpsim.api.workload.WorkloadContext;
import org.tcpsim.api.workload.WorkloadRun;

/** An on-off workload in one run: the sender's bursts and idle times, the receiver's clock. */
final class OnOffRun implements WorkloadRun {
    private static final int CHUNK = 1 << 20;

    private final OnOffSettings s;
    private final WorkloadContext ctx;
    /** Idle times come from the workload's own named stream: the run stays byte-identical for its seed. */
    private final RandomGenerator offTimes;
    /** When each burst's first byte was offered to the socket. */
    private final List<Long> burstStarts = new ArrayList<>();
    /** How long each burst took, first write to last byte read by the receiver. */
    private final List<Long> burstTimes = new ArrayList<>();
    private AppSocket socket;
    private long leftInBurst;
    private long bytesRead;
    private long firstStartNs = -1;
    private long lastReadNs = -1;
    /** Smoothed RTT at each sampling instant while the connection was established: the queueing a control leaves. */
    private double srttSum;
    private int srttSamples;

    OnOffRun(OnOffSettings s, WorkloadContext ctx) {
        this.s = s;
        this.ctx = ctx;
        this.offTimes = ctx.random("off");
        if (!ctx.listen(s.to().host(), s.to().port(), 128, (sock, now) -> new Receiver())) {
            throw new IllegalStateException("on-off workload '" + ctx.name() + "': something already listens on "
                    + s.to().host() + ":" + s.to().port() + "; give \"to\" a port of its own");
        }
        ctx.at(s.startNs(), now -> socket = ctx.connect(s.from(), s.to(), new Sender()));
    }

    private void startBurst(long now) {
        if (s.bursts() > 0 && burstStarts.size() >= s.bursts()) {
            return;
        }
        burstStarts.add(now);
        if (firstStartNs < 0) {
            firstStartNs = now;
        }
        leftInBurst = s.burst();
        writeBurst(now);
    }

    /** Offers the rest of the burst; once all of it is written, the idle time begins. */
    private void writeBurst(long now) {
        while (leftInBurst > 0) {
            int n = socket.write((int) Math.min(CHUNK, leftInBurst));
            if (n == 0) {
                return; // Sender.writable continues
            }
            leftInBurst -= n;
        }
        // exponential idle time by inversion: -mean * ln(1 - u), u uniform in [0, 1)
        long off = (long) (-s.meanOffNs() * Math.log(1 - offTimes.nextDouble()));
        ctx.at(now + off, this::startBurst);
    }

    /** The sending application. */
    private final class Sender implements SocketHandler {
        @Override
        public void connected(AppSocket sock, long now) {
            startBurst(now);
        }

        @Override
        public void writable(AppSocket sock, long now) {
            if (leftInBurst > 0) {
                writeBurst(now);
            }
        }
    }

    /** The receiving application: reads everything and notes when each burst has arrived whole. */
    private final class Receiver implements SocketHandler {
        @Override
        public void readable(AppSocket sock, long now) {
            int n;
            while ((n = sock.read(CHUNK)) > 0) {
                bytesRead += n;
                lastReadNs = now;
            }
            while (burstTimes.size() < burstStarts.size() && bytesRead >= (burstTimes.size() + 1) * s.burst()) {
                burstTimes.add(now - burstStarts.get(burstTimes.size()));
            }
            if (n < 0) {
                sock.close();
            }
        }
    }

    @Override
    public void sample(long nowNs, Timeseries out) {
        if (socket != null) {
            out.add(s.from(), "cwnd", socket.cwnd());
            out.add(s.from(), "srtt_s", socket.srttUs() / 1e6);
            if ("ESTABLISHED".equals(socket.state()) && socket.srttUs() > 0) {
                srttSum += socket.srttUs() / 1e6;
                srttSamples++;
            }
        }
        out.add(s.to().host(), "bytes_read", bytesRead);
    }

    @Override
    public void finish(long nowNs, Results results) {
        long sum = 0;
        long max = 0;
        for (long t : burstTimes) {
            sum += t;
            max = Math.max(max, t);
        }
        double mean = burstTimes.isEmpty() ? Double.NaN : sum / 1e9 / burstTimes.size();
        long active = lastReadNs - firstStartNs;
        double goodput = active > 0 ? bytesRead * 8e9 / active : Double.NaN;
        long retransmits = socket == null ? 0 : socket.retransmits();
        results.metric("bursts_sent", burstStarts.size());
        results.metric("bursts", burstTimes.size());
        results.metric("burst_time_mean_s", mean);
        results.metric("burst_time_max_s", burstTimes.isEmpty() ? Double.NaN : max / 1e9);
        results.metric("goodput_bps", goodput);
        results.metric("srtt_mean_s", srttSamples == 0 ? Double.NaN : srttSum / srttSamples);
        results.metric("retransmits", retransmits);
        results.flow(new FlowRow(ctx.name() + ".0", "on-off", s.from(), s.to().host(), Math.max(0, firstStartNs),
                lastReadNs >= 0 ? lastReadNs : nowNs, socket == null ? 0 : socket.bytesAcked(), bytesRead, goodput,
                mean, retransmits));
    }
}
