package org.tcpsim.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Turns a value as users write it (Linux text in a JSON string, or a JSON number / array) into
 * a {@link SysctlValue}, checking syntax and the per-value range of the kernel's proc handler.
 * Cross-field checks are {@link CrossChecks}' job.
 *
 * <p>Integers follow proc_get_long: optional '-', then strtoul with base 0 (so "0x10" is 16 and
 * "010" is 8, as on Linux); vectors are separated by any blanks (spaces, tabs, newlines).
 */
final class SysctlParser {
    /** Highest port number + 1: bitmap length of ip_local_reserved_ports (maxlen 65536). */
    static final int PORT_BITMAP_LEN = 65536;
    /** TCP_CA_NAME_MAX (16) minus the terminating NUL. */
    static final int CA_NAME_MAX = 15;

    private SysctlParser() {
    }

    static SysctlValue parse(SysctlSpec spec, KernelVersion k, JsonNode node) throws SysctlException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw syntax(spec, "null");
        }
        if (node.isTextual()) {
            return parseText(spec, k, node.textValue());
        }
        return switch (spec.type()) {
            case INT, BOOL_INT -> {
                if (!node.isIntegralNumber()) {
                    throw syntax(spec, node.toString());
                }
                yield checked(spec, k, List.of(node.bigIntegerValue()));
            }
            case INT_VECTOR -> {
                if (!node.isArray() || node.size() != spec.arity()) {
                    throw syntax(spec, node.toString());
                }
                List<BigInteger> values = new ArrayList<>();
                for (JsonNode e : node) {
                    BigInteger v = e.isIntegralNumber() ? e.bigIntegerValue()
                            : e.isTextual() ? parseInteger(e.textValue().strip()) : null;
                    if (v == null) {
                        throw syntax(spec, node.toString());
                    }
                    values.add(v);
                }
                yield checked(spec, k, values);
            }
            case PORT_LIST -> parsePorts(spec, portsText(spec, node), node.toString());
            case STRING_CHOICE -> throw syntax(spec, node.toString());
        };
    }

    static SysctlValue parseText(SysctlSpec spec, KernelVersion k, String raw) throws SysctlException {
        String text = raw.strip();
        switch (spec.type()) {
            case PORT_LIST:
                return parsePorts(spec, text, quote(raw));
            case STRING_CHOICE:
                if (text.isEmpty() || text.length() > CA_NAME_MAX || text.chars().anyMatch(Character::isWhitespace)) {
                    throw syntax(spec, quote(raw));
                }
                return SysctlValue.ofString(text);
            default:
                String[] tokens = text.isEmpty() ? new String[0] : text.split("\\s+");
                if (tokens.length != spec.arity()) {
                    throw syntax(spec, quote(raw));
                }
                List<BigInteger> values = new ArrayList<>();
                for (String t : tokens) {
                    BigInteger v = parseInteger(t);
                    if (v == null) {
                        throw syntax(spec, quote(raw));
                    }
                    values.add(v);
                }
                return checked(spec, k, values);
        }
    }

    /**
     * One integer as proc_get_long reads it: optional '-', a digit, then strtoul base 0 (0x.. hex,
     * 0.. octal, else decimal) consuming the whole token. Null if malformed.
     */
    static BigInteger parseInteger(String token) {
        int i = 0;
        boolean negative = false;
        if (token.length() > 1 && token.charAt(0) == '-') {
            negative = true;
            i = 1;
        }
        if (i >= token.length() || !isAsciiDigit(token.charAt(i))) {
            return null;
        }
        int radix = 10;
        if (token.charAt(i) == '0' && i + 2 < token.length()
                && (token.charAt(i + 1) == 'x' || token.charAt(i + 1) == 'X')
                && Character.digit(token.charAt(i + 2), 16) >= 0 && token.charAt(i + 2) < 128) {
            radix = 16;
            i += 2;
        } else if (token.charAt(i) == '0' && i + 1 < token.length()) {
            radix = 8;
        }
        String digits = token.substring(i);
        for (int j = 0; j < digits.length(); j++) {
            char c = digits.charAt(j);
            if (c >= 128 || Character.digit(c, radix) < 0) {
                return null;
            }
        }
        BigInteger v = new BigInteger(digits, radix);
        return negative ? v.negate() : v;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static SysctlValue checked(SysctlSpec spec, KernelVersion k, List<BigInteger> values)
            throws SysctlException {
        SysctlSpec.Variant variant = spec.variant(k).orElseThrow();
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            BigInteger v = values.get(i);
            if (v.compareTo(BigInteger.valueOf(variant.min())) < 0
                    || v.compareTo(BigInteger.valueOf(variant.max())) > 0) {
                throw outOfRange(spec, k, i, v.toString());
            }
            out[i] = v.longValueExact();
        }
        return SysctlValue.ofNumbers(out);
    }

    private static SysctlException outOfRange(SysctlSpec spec, KernelVersion k, int index, String got) {
        SysctlSpec.Variant v = spec.variant(k).orElseThrow();
        String what = spec.type() == SysctlType.INT_VECTOR
                ? spec.name() + ": " + spec.elements().get(index) : spec.name();
        String onKernel = rangesDiffer(spec) ? " on kernel " + k.label() : "";
        String note = v.rangeNote() == null ? "" : " (" + v.rangeNote() + ")";
        return new SysctlException(SysctlException.Kind.RANGE, spec.name(),
                what + " must be between " + v.min() + " and " + v.max() + onKernel + note + ", got " + got);
    }

    private static boolean rangesDiffer(SysctlSpec spec) {
        return spec.variants().values().stream().map(v -> v.min() + ":" + v.max()).distinct().count() > 1;
    }

    /** The JSON forms of a port list as Linux text: a number, or an array of numbers and "a-b" strings. */
    private static String portsText(SysctlSpec spec, JsonNode node) throws SysctlException {
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        if (!node.isArray()) {
            throw syntax(spec, node.toString());
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode e : node) {
            if (!e.isIntegralNumber() && !e.isTextual()) {
                throw syntax(spec, node.toString());
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(e.isTextual() ? e.textValue().strip() : e.bigIntegerValue().toString());
        }
        return sb.toString();
    }

    /**
     * proc_do_large_bitmap: tokens "N" or "A-B" separated by ',' (or newlines), no blanks,
     * each port below the bitmap length, A <= B; an empty value clears the set.
     */
    private static SysctlValue parsePorts(SysctlSpec spec, String text, String shown) throws SysctlException {
        BitSet set = new BitSet(PORT_BITMAP_LEN);
        String[] items = text.split("[,\n]", -1);
        for (int i = 0; i < items.length; i++) {
            String item = items[i];
            if (item.isEmpty()) {
                if (i == items.length - 1) {
                    continue; // empty value (clears the set), or one trailing separator: Linux accepts both
                }
                throw syntax(spec, shown);
            }
            int dash = item.indexOf('-', 1);
            String a = dash < 0 ? item : item.substring(0, dash);
            String b = dash < 0 ? item : item.substring(dash + 1);
            BigInteger lo = parseInteger(a);
            BigInteger hi = parseInteger(b);
            if (lo == null || hi == null || a.startsWith("-") || b.startsWith("-")) {
                throw syntax(spec, shown);
            }
            for (BigInteger p : new BigInteger[] {lo, hi}) {
                if (p.compareTo(BigInteger.valueOf(PORT_BITMAP_LEN)) >= 0) {
                    throw new SysctlException(SysctlException.Kind.RANGE, spec.name(), spec.name()
                            + ": ports must be between 0 and " + (PORT_BITMAP_LEN - 1) + ", got " + p);
                }
            }
            if (lo.compareTo(hi) > 0) {
                throw new SysctlException(SysctlException.Kind.RANGE, spec.name(), spec.name()
                        + ": range " + item + " is reversed (LOW must be <= HIGH)");
            }
            set.set(lo.intValue(), hi.intValue() + 1);
        }
        return SysctlValue.ofPorts(set);
    }

    static SysctlException syntax(SysctlSpec spec, String shown) {
        return new SysctlException(SysctlException.Kind.SYNTAX, spec.name(),
                spec.name() + ": expected " + spec.syntax() + ", got " + shown);
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
