package org.tcpsim.example.trace;

import java.util.List;
import org.tcpsim.api.Parameter;
import org.tcpsim.api.Parameters;
import org.tcpsim.api.loss.LossModel;
import org.tcpsim.api.loss.LossModelFactory;
import org.tcpsim.api.loss.LossModelType;

/**
 * {@code "loss": {"model": "trace", "file": "drops.txt"}}: drop exactly the packets listed in a
 * file (see {@link DropTrace} for the format), to replay a loss pattern captured elsewhere or to
 * place a loss where a test wants it. Both directions of a link count their own packets; give the
 * model in {@code "a_to_b"} or {@code "b_to_a"} to drop in one direction only.
 */
public final class TraceLossType implements LossModelType {
    @Override
    public String name() {
        return "trace";
    }

    @Override
    public String description() {
        return "drops exactly the packets listed in a file (packet numbers from 1 per link direction, or A-B ranges)";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.file("file",
                "the trace: one packet number (from 1, in the order packets leave the transmitter) or range A-B per line, # comments"));
    }

    /** Reads the file now, so a bad line is reported with the experiment's other errors. */
    @Override
    public LossModelFactory configure(Parameters params) {
        long[] drops = DropTrace.read(params.file("file"), "file");
        return new LossModelFactory() {
            @Override
            public LossModel create() {
                return new TraceLoss(drops);
            }
        };
    }
}
