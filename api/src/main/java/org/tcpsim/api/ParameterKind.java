package org.tcpsim.api;

/**
 * What a {@link Parameter} holds and how users write it in JSON. The simulator parses and checks
 * the value with the rest of the experiment file (errors name the file, line, column and JSON
 * pointer); a plugin only ever sees the parsed value, typed as listed here.
 */
public enum ParameterKind {
    /** A whole number ({@code 717}); read with {@link Parameters#integer}. */
    INTEGER,
    /** A number ({@code 0.25}); read with {@link Parameters#number}. */
    NUMBER,
    /**
     * {@code true}/{@code false}, or {@code 1}/{@code 0} as Linux module parameters are written;
     * read with {@link Parameters#bool}.
     */
    BOOLEAN,
    /** A string, optionally one of a fixed set; read with {@link Parameters#string}. */
    STRING,
    /** A duration with its unit ({@code "200ms"}); read in nanoseconds with {@link Parameters#durationNs}. */
    DURATION,
    /** A rate with its unit ({@code "100Mbps"}); read in bits per second with {@link Parameters#rateBps}. */
    RATE,
    /** A size with its unit ({@code "64KiB"}); read in bytes with {@link Parameters#sizeBytes}. */
    SIZE,
    /**
     * A path to an existing readable file, relative to the experiment file's directory; read
     * with {@link Parameters#file}.
     */
    FILE,
    /** The name of a host node of the topology; read with {@link Parameters#host} (workloads only). */
    HOST,
    /**
     * {@code "ADDRESS[:PORT]"} or {@code "HOST[:PORT]"} naming a node of the topology; read with
     * {@link Parameters#endpoint} (workloads only).
     */
    ENDPOINT
}
