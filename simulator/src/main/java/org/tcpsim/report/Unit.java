package org.tcpsim.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The unit of a chart axis and how its tick labels are written: SI prefixes chosen once per axis
 * from its largest value ("0.5 Mbit/s", "1 Mbit/s"; "20 ms", "50 ms"), fractions as percent,
 * counts grouped by thousands ("22 500").
 */
public enum Unit {
    /** A count or a plain number. */
    NONE("", 0, 12),
    BITS_PER_SECOND("bit/s", 0, 12),
    SECONDS("s", -9, 0),
    BYTES("B", 0, 12),
    /** A fraction, shown in percent. */
    FRACTION("%", 0, 0),
    /** Events per second (connections, datagrams). */
    PER_SECOND("/s", 0, 12);

    private static final String[] PREFIXES = {"n", "µ", "m", "", "k", "M", "G", "T"};

    /** Symbol written after numbers and in axis titles ("" for none). */
    public final String symbol;
    private final int minExponent;
    private final int maxExponent;

    Unit(String symbol, int minExponent, int maxExponent) {
        this.symbol = symbol;
        this.minExponent = minExponent;
        this.maxExponent = maxExponent;
    }

    /** "meaning (unit)", or the meaning alone for plain numbers. */
    public String title(String meaning) {
        return symbol.isEmpty() ? meaning : meaning + " (" + symbol + ")";
    }

    /** The power of 1000 every tick of an axis reaching {@code largest} is written in. */
    public int exponentFor(double largest) {
        if (this == FRACTION || (this == NONE || this == PER_SECOND) && Math.abs(largest) < 1e5) {
            return 0;
        }
        double m = Math.abs(largest);
        int e = m == 0 || !Double.isFinite(m) ? 0 : (int) Math.floor(Math.log10(m) / 3) * 3;
        return Math.max(minExponent, Math.min(maxExponent, e));
    }

    /** One tick label: the value in the axis's prefix, with its unit ("2 Mbit/s", "50 ms", "12 %"). */
    public String format(double value, int exponent) {
        if (!Double.isFinite(value)) {
            return "";
        }
        if (this == FRACTION) {
            return plain(value * 100) + " %";
        }
        String number = plain(value / Math.pow(10, exponent));
        if (this == NONE && exponent == 0) {
            number = grouped(number);
        }
        String unit = PREFIXES[exponent / 3 + 3] + symbol;
        if (unit.isEmpty()) {
            return number;
        }
        return this == PER_SECOND && exponent == 0 ? number + symbol : number + " " + unit;
    }

    /** A value with its own best prefix (for tables and labels: "96.5 Mbit/s"). */
    public String format(double value) {
        return format(value, exponentFor(value));
    }

    /** At most 4 significant digits and 3 decimals, no trailing zeros, no "-0". */
    static String plain(double v) {
        if (v == 0) {
            return "0";
        }
        BigDecimal b = new BigDecimal(v).round(new MathContext(4, RoundingMode.HALF_EVEN));
        if (b.scale() > 3) {
            b = b.setScale(3, RoundingMode.HALF_EVEN);
        }
        b = b.stripTrailingZeros();
        return b.signum() == 0 ? "0" : b.toPlainString();
    }

    /** A count exactly ("44985"), other values to 12 significant digits, as the CSV files write them. */
    static String exact(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(v).round(new MathContext(12, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
    }

    /** "22500" -> "22 500" (integers of five digits or more). */
    private static String grouped(String number) {
        int dot = number.indexOf('.');
        String whole = dot < 0 ? number : number.substring(0, dot);
        boolean negative = whole.startsWith("-");
        String digits = negative ? whole.substring(1) : whole;
        if (digits.length() < 5) {
            return number;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                b.append(' ');
            }
            b.append(digits.charAt(i));
        }
        return (negative ? "-" : "") + b + (dot < 0 ? "" : number.substring(dot));
    }
}
