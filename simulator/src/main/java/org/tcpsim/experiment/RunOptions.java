package org.tcpsim.experiment;

/**
 * Output options of a run that do not change what is simulated.
 *
 * @param traceStates write states.csv: every TCP state transition
 * @param pcap        write pcap/HOST.pcap: every TCP segment each host sends and receives
 */
public record RunOptions(boolean traceStates, boolean pcap) {
    public static final RunOptions DEFAULT = new RunOptions(false, false);
}
