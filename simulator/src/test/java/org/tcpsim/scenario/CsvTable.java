package org.tcpsim.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A small RFC 4180 reader for the simulator's CSV outputs (quoted fields, doubled quotes,
 * commas and newlines inside quotes), kept independent of the writer it checks.
 */
final class CsvTable {
    private final List<String> header;
    private final List<List<String>> rows;

    private CsvTable(List<String> header, List<List<String>> rows) {
        this.header = header;
        this.rows = rows;
    }

    static CsvTable read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CsvTable parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                any = false;
            } else {
                field.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted field");
        }
        if (any || field.length() > 0) {
            record.add(field.toString());
            records.add(record);
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException("no header row");
        }
        List<String> header = records.get(0);
        List<List<String>> rows = records.subList(1, records.size());
        for (List<String> r : rows) {
            if (r.size() != header.size()) {
                throw new IllegalArgumentException("row has " + r.size() + " fields, header has " + header.size()
                        + ": " + r);
            }
        }
        return new CsvTable(List.copyOf(header), List.copyOf(rows));
    }

    List<String> header() {
        return header;
    }

    int size() {
        return rows.size();
    }

    Row row(int i) {
        return new Row(rows.get(i));
    }

    List<Row> rows() {
        List<Row> out = new ArrayList<>();
        for (List<String> r : rows) {
            out.add(new Row(r));
        }
        return out;
    }

    List<Row> rowsWhere(Predicate<Row> p) {
        return rows().stream().filter(p).toList();
    }

    /** The values of one column, in row order. */
    List<String> column(String name) {
        int i = index(name);
        return rows.stream().map(r -> r.get(i)).toList();
    }

    private int index(String column) {
        int i = header.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("no column '" + column + "' in " + header);
        }
        return i;
    }

    /** One row, addressed by column name. */
    final class Row {
        private final List<String> cells;

        private Row(List<String> cells) {
            this.cells = cells;
        }

        String get(String column) {
            return cells.get(index(column));
        }

        double number(String column) {
            return Double.parseDouble(get(column));
        }

        long integer(String column) {
            return Long.parseLong(get(column));
        }

        @Override
        public String toString() {
            return cells.toString();
        }
    }
}
