package org.tcpsim.report;

/** A chart or report that cannot be made from what was asked (a missing column, no matching row): bad input, exit 2. */
public final class ChartException extends RuntimeException {
    public ChartException(String message) {
        super(message, null, false, false);
    }
}
