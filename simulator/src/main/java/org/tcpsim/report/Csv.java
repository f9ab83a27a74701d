package org.tcpsim.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** A CSV file read whole (header and rows of text), the way tcpsim writes them. */
public record Csv(Path file, List<String> header, List<List<String>> rows) {
    public static Csv read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            List<List<String>> rows = new ArrayList<>();
            for (CSVRecord r : p) {
                List<String> row = new ArrayList<>(r.size());
                r.forEach(row::add);
                rows.add(row);
            }
            return new Csv(file, List.copyOf(p.getHeaderNames()), rows);
        }
    }

    /** Index of a column, or -1. */
    public int column(String name) {
        return header.indexOf(name);
    }

    /** The column's index; a {@link ChartException} naming the columns there are if it is missing. */
    public int require(String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new ChartException(file + " has no column '" + name + "' (columns: " + String.join(", ", header) + ")");
        }
        return i;
    }

    /** The cell, or "" for a short row. */
    public static String cell(List<String> row, int column) {
        return column >= 0 && column < row.size() ? row.get(column) : "";
    }

    /** A finite number, or null for an empty or non-numeric cell. */
    public static Double number(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            double v = Double.parseDouble(text);
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
