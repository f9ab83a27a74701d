package org.tcpsim.kernel;

/** The value syntax of a sysctl, as {@code sysctl -w} / {@code /proc/sys} accept it. */
public enum SysctlType {
    /** One integer (proc_dointvec and friends); decimal, or 0x.. hex / 0.. octal as strtoul base 0 reads. */
    INT,
    /** One integer used as an on/off switch (non-zero = on); Linux writes booleans as integers. */
    BOOL_INT,
    /** A fixed number of integers separated by blanks, e.g. tcp_rmem "4096 131072 6291456". */
    INT_VECTOR,
    /** proc_do_large_bitmap: comma-separated ports and LOW-HIGH ranges, e.g. "8080,9000-9100". */
    PORT_LIST,
    /** A name chosen from a set known only at run time (e.g. loaded congestion-control modules). */
    STRING_CHOICE;

    /** True for the types whose value is one integer. */
    public boolean isScalarNumber() {
        return this == INT || this == BOOL_INT;
    }
}
