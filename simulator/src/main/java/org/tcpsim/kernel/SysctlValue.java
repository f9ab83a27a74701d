package org.tcpsim.kernel;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;

/** An immutable, already validated sysctl value: numbers, a port set, or a string. */
final class SysctlValue {
    private final long[] numbers;   // scalars (length 1) and vectors
    private final BitSet ports;     // PORT_LIST
    private final String string;    // STRING_CHOICE

    private SysctlValue(long[] numbers, BitSet ports, String string) {
        this.numbers = numbers;
        this.ports = ports;
        this.string = string;
    }

    static SysctlValue ofNumbers(long... numbers) {
        return new SysctlValue(numbers.clone(), null, null);
    }

    static SysctlValue ofPorts(BitSet ports) {
        return new SysctlValue(null, (BitSet) ports.clone(), null);
    }

    static SysctlValue ofString(String string) {
        return new SysctlValue(null, null, Objects.requireNonNull(string));
    }

    boolean isNumbers() {
        return numbers != null;
    }

    /** The numbers, not copied: callers must not modify. */
    long[] numbersView() {
        return numbers;
    }

    long[] numbers() {
        return numbers.clone();
    }

    BitSet ports() {
        return (BitSet) ports.clone();
    }

    String string() {
        return string;
    }

    /**
     * The value as {@code sysctl -n} prints it: integers in decimal, vector elements separated
     * by tabs (proc_dointvec), port sets as "a,b-c" (proc_do_large_bitmap), strings verbatim.
     */
    String text() {
        if (numbers != null) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < numbers.length; i++) {
                if (i > 0) {
                    sb.append('\t');
                }
                sb.append(numbers[i]);
            }
            return sb.toString();
        }
        if (ports != null) {
            StringBuilder sb = new StringBuilder();
            int a = ports.nextSetBit(0);
            while (a >= 0) {
                int b = ports.nextClearBit(a) - 1;
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(a);
                if (b != a) {
                    sb.append('-').append(b);
                }
                a = ports.nextSetBit(b + 1);
            }
            return sb.toString();
        }
        return string;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SysctlValue v && Arrays.equals(numbers, v.numbers)
                && Objects.equals(ports, v.ports) && Objects.equals(string, v.string);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(numbers), ports, string);
    }

    @Override
    public String toString() {
        return text();
    }
}
