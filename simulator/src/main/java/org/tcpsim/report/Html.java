package org.tcpsim.report;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small helpers for writing the report's HTML by hand: escaping, tables, a little Markdown. */
final class Html {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern BOLD = Pattern.compile("\\*\\*([^*]+)\\*\\*");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)\\]\\(([^)]+)\\)");

    private final StringBuilder b = new StringBuilder();

    Html raw(String s) {
        b.append(s);
        return this;
    }

    Html text(String s) {
        b.append(escape(s));
        return this;
    }

    /** {@code <tag attrs>escaped text</tag>}. */
    Html element(String tag, String attrs, String text) {
        b.append('<').append(tag).append(attrs.isEmpty() ? "" : " " + attrs).append('>').append(escape(text))
                .append("</").append(tag).append(">\n");
        return this;
    }

    /** A table with a header row; numeric-looking cells are right-aligned. */
    Html table(String cls, List<String> header, List<List<String>> rows) {
        b.append("<div class=\"scroll\"><table class=\"").append(cls).append("\">\n<thead><tr>");
        for (String h : header) {
            b.append("<th>").append(escape(h)).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            b.append("<tr>");
            for (String c : row) {
                b.append(numeric(c) ? "<td class=\"n\">" : "<td>").append(escape(c)).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table></div>\n");
        return this;
    }

    @Override
    public String toString() {
        return b.toString();
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '&': out.append("&amp;"); break;
                case '"': out.append("&quot;"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }

    /** Escaped Markdown with `code`, **bold** and [links](...) rendered (links as their text: they point into the README). */
    static String markdown(String md) {
        String s = escape(md);
        s = LINK.matcher(s).replaceAll("$1");
        s = BOLD.matcher(s).replaceAll("<strong>$1</strong>");
        Matcher m = CODE.matcher(s);
        return m.replaceAll("<code>$1</code>");
    }

    private static boolean numeric(String c) {
        return Csv.number(c) != null;
    }
}
