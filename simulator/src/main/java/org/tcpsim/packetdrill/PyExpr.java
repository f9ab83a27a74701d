package org.tcpsim.packetdrill;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Python that packetdrill scripts put in {@code %{ }%} blocks, as far as those scripts use it:
 * statements {@code assert e[, message]} and {@code NAME = e} separated by newlines or ';'
 * (backslash continues a line, '#' starts a comment); integer expressions with + - * / // % and
 * parentheses, comparisons that chain as in Python ({@code 98000 <= x <= 110000}), and, or, not.
 */
final class PyExpr {
    static final class PySyntaxError extends Exception {
        PySyntaxError(String message) {
            super(message);
        }
    }

    private final List<String> tokens;
    private final Map<String, Long> scope;
    private final Function<String, Long> missing;
    private int pos;

    private PyExpr(List<String> tokens, Map<String, Long> scope, Function<String, Long> missing) {
        this.tokens = tokens;
        this.scope = scope;
        this.missing = missing;
    }

    /**
     * Runs {@code code} with {@code scope} (assignments go into it); returns null when every
     * assertion held, else the first failing statement and its message.
     *
     * @param missing asked for a name not in scope; returns its value or null (then a NameError)
     */
    static String exec(String code, Map<String, Long> scope, Function<String, Long> missing) throws PySyntaxError {
        String joined = code.replace("\\\r\n", " ").replace("\\\n", " ");
        for (String line : joined.split("[\n;]")) {
            int hash = line.indexOf('#');
            String stmt = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (stmt.isEmpty()) {
                continue;
            }
            PyExpr p = new PyExpr(tokenize(stmt), scope, missing);
            String failure = p.statement(stmt);
            if (failure != null) {
                return failure;
            }
        }
        return null;
    }

    private static List<String> tokenize(String s) throws PySyntaxError {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            } else if (i + 1 < s.length() && List.of("==", "!=", "<=", ">=", "//", "**").contains(s.substring(i, i + 2))) {
                out.add(s.substring(i, i + 2));
                i += 2;
            } else if ("+-*/%()<>=,".indexOf(c) >= 0) {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '"' || c == '\'') {
                int j = s.indexOf(c, i + 1);
                if (j < 0) {
                    throw new PySyntaxError("unterminated string in: " + s);
                }
                out.add(s.substring(i, j + 1));
                i = j + 1;
            } else {
                throw new PySyntaxError("'" + c + "' in: " + s);
            }
        }
        return out;
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : "";
    }

    private String take() {
        return tokens.get(pos++);
    }

    private String statement(String text) throws PySyntaxError {
        if (peek().equals("assert")) {
            take();
            Object v = expr();
            String message = null;
            if (peek().equals(",")) {
                take();
                message = String.valueOf(display(expr()));
            }
            end(text);
            if (!truthy(v)) {
                return text + " (AssertionError" + (message == null ? "" : ": " + message) + ")";
            }
            return null;
        }
        if (tokens.size() >= 2 && tokens.get(1).equals("=") && isName(tokens.get(0))) {
            String name = take();
            take();
            Object v = expr();
            end(text);
            scope.put(name, asLong(v));
            return null;
        }
        throw new PySyntaxError("statement not modelled: " + text);
    }

    private void end(String text) throws PySyntaxError {
        if (pos != tokens.size()) {
            throw new PySyntaxError("unexpected '" + peek() + "' in: " + text);
        }
    }

    private static boolean isName(String t) {
        return !t.isEmpty() && (Character.isLetter(t.charAt(0)) || t.charAt(0) == '_');
    }

    private static boolean truthy(Object v) {
        return v instanceof Boolean b ? b : v instanceof Long l ? l != 0 : v != null;
    }

    private static Object display(Object v) {
        return v instanceof Boolean b ? (b ? "True" : "False") : v;
    }

    private static long asLong(Object v) throws PySyntaxError {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw new PySyntaxError("not a number: " + v);
    }

    private Object expr() throws PySyntaxError {
        Object v = and();
        while (peek().equals("or")) {
            take();
            Object r = and();
            v = truthy(v) ? v : r;
        }
        return v;
    }

    private Object and() throws PySyntaxError {
        Object v = not();
        while (peek().equals("and")) {
            take();
            Object r = not();
            v = truthy(v) ? r : v;
        }
        return v;
    }

    private Object not() throws PySyntaxError {
        if (peek().equals("not")) {
            take();
            return !truthy(not());
        }
        return comparison();
    }

    private Object comparison() throws PySyntaxError {
        Object left = sum();
        boolean result = true;
        boolean any = false;
        while (List.of("==", "!=", "<", "<=", ">", ">=").contains(peek())) {
            String op = take();
            Object right = sum();
            long a = asLong(left);
            long b = asLong(right);
            boolean ok = switch (op) {
                case "==" -> a == b;
                case "!=" -> a != b;
                case "<" -> a < b;
                case "<=" -> a <= b;
                case ">" -> a > b;
                default -> a >= b;
            };
            result &= ok;
            any = true;
            left = right;
        }
        return any ? (Object) result : left;
    }

    private Object sum() throws PySyntaxError {
        Object v = product();
        while (peek().equals("+") || peek().equals("-")) {
            String op = take();
            long r = asLong(product());
            v = op.equals("+") ? asLong(v) + r : asLong(v) - r;
        }
        return v;
    }

    private Object product() throws PySyntaxError {
        Object v = unary();
        while (List.of("*", "/", "//", "%").contains(peek())) {
            String op = take();
            if (v instanceof String fmt && op.equals("%")) {
                v = format(fmt, unary()); // 'cwnd=%d' % tcpi_snd_cwnd
                continue;
            }
            long r = asLong(unary());
            long l = asLong(v);
            if (!op.equals("*") && r == 0) {
                throw new PySyntaxError("division by zero");
            }
            v = switch (op) {
                case "*" -> l * r;
                case "%" -> Math.floorMod(l, r);
                default -> Math.floorDiv(l, r); // '/' of Python 2, which packetdrill's scripts were written for
            };
        }
        return v;
    }

    /** Python's printf-style formatting of one value (%d, %s, %x, %u). */
    private static String format(String fmt, Object value) throws PySyntaxError {
        int i = fmt.indexOf('%');
        if (i < 0 || i + 1 >= fmt.length() || "dsxu".indexOf(fmt.charAt(i + 1)) < 0) {
            throw new PySyntaxError("format " + fmt);
        }
        String v = fmt.charAt(i + 1) == 'x' ? Long.toHexString(asLong(value)) : String.valueOf(display(value));
        return fmt.substring(0, i) + v + fmt.substring(i + 2);
    }

    private Object unary() throws PySyntaxError {
        if (peek().equals("-")) {
            take();
            return -asLong(unary());
        }
        if (peek().equals("+")) {
            take();
            return asLong(unary());
        }
        return atom();
    }

    private Object atom() throws PySyntaxError {
        String t = peek();
        if (t.isEmpty()) {
            throw new PySyntaxError("expression expected");
        }
        take();
        if (t.equals("(")) {
            Object v = expr();
            if (peek().equals(",")) { // a tuple, as an assertion message shows it
                StringBuilder tuple = new StringBuilder("(").append(display(v));
                while (peek().equals(",")) {
                    take();
                    tuple.append(", ").append(display(expr()));
                }
                v = tuple.append(')').toString();
            }
            if (!peek().equals(")")) {
                throw new PySyntaxError("')' expected");
            }
            take();
            return v;
        }
        if (t.startsWith("\"") || t.startsWith("'")) {
            return t.substring(1, t.length() - 1);
        }
        if (Character.isDigit(t.charAt(0))) {
            try {
                if (t.startsWith("0x") || t.startsWith("0X")) {
                    return Long.parseLong(t.substring(2), 16);
                }
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new PySyntaxError("number " + t);
            }
        }
        if (t.equals("True")) {
            return Boolean.TRUE;
        }
        if (t.equals("False")) {
            return Boolean.FALSE;
        }
        if (isName(t)) {
            if (peek().equals("(")) {
                throw new PySyntaxError("function call " + t + "()");
            }
            Long v = scope.get(t);
            if (v == null) {
                v = missing.apply(t);
            }
            if (v == null) {
                throw new PySyntaxError("name '" + t + "' is not defined");
            }
            return v;
        }
        throw new PySyntaxError("unexpected '" + t + "'");
    }
}
