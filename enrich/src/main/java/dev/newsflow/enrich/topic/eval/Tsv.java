package dev.newsflow.enrich.topic.eval;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads tab-separated values the way Python's {@code csv} module writes them (the format of the
 * benchmark files): a field that starts with {@code "} is quoted, may hold tabs and newlines, and
 * doubles its quotes; a quote elsewhere is a plain character. Written here because it is twenty
 * lines and the service needs no CSV library otherwise.
 */
final class Tsv {
    private Tsv() {}

    /** All rows of {@code in}, header included. */
    static List<List<String>> read(Reader in) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean atStart = true;
        int c;
        while ((c = in.read()) != -1) {
            if (quoted) {
                if (c == '"') {
                    int next = in.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        if (next == -1) {
                            break;
                        }
                        c = next;
                    }
                } else {
                    field.append((char) c);
                    continue;
                }
                if (quoted) {
                    continue;
                }
            }
            if (c == '"' && atStart) {
                quoted = true;
                atStart = false;
            } else if (c == '\t') {
                row.add(field.toString());
                field.setLength(0);
                atStart = true;
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                atStart = true;
            } else if (c != '\r') {
                field.append((char) c);
                atStart = false;
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
