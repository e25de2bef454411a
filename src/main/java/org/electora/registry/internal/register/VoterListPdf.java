package org.electora.registry.internal.register;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A station's voter list for printing: landscape A4, a header on every page (election, station, printing version,
 * page x of y), the main list, the supplementary list (with empty rows for voters added by hand on polling day) and,
 * once the list has been printed before, the changes since the first printing. Text in DejaVu Sans (embedded,
 * subset), which covers Azerbaijani Latin and Cyrillic.
 */
final class VoterListPdf {

    /** {@code version} null: a draft. {@code first}: the first official printing, if any. */
    record Printing(Integer version, String printedBy, Instant at, RegisterLists.Print first) {
    }

    private record Column(String label, float weight) {
    }

    private static final PDRectangle PAGE = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
    private static final float MARGIN = 28;
    private static final float ROW = 20;
    private static final float HEAD_ROW = 30;
    private static final float BODY = 7.5f;
    private static final float HEAD = 6.5f;
    private static final float TABLE_TOP = PAGE.getHeight() - MARGIN - 58;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private VoterListPdf() {
    }

    static byte[] render(RegisterLists.StationList list, Printing printing, List<RegisterLists.ListChange> changes,
                         Function<String, String> t) {
        try (PDDocument doc = new PDDocument(); InputStream fontFile = font()) {
            var writer = new Writer(doc, PDType0Font.load(doc, fontFile), list, printing, t);
            List<Column> columns = listColumns(list.showOrigin(), t);
            writer.table(t.apply("list.pdf.title"), columns, list.main().stream().map(e -> row(e, list.showOrigin())).toList(), false);
            writer.table(t.apply("list.pdf.supplementary"), columns,
                    list.supplementary().stream().map(e -> row(e, list.showOrigin())).toList(), true);
            if (printing.first() != null) {
                var zone = list.station().timeZone();
                String title = t.apply("list.pdf.changes") + " (" + t.apply("list.pdf.version") + " 1, "
                        + TIME.format(printing.first().printedAt().atZone(zone)) + ")";
                List<List<String>> rows = changes.stream().map(c -> List.of(
                        c.listNumber() == null ? "" : c.listNumber() + (c.onPrintedList() ? "" : " *"),
                        t.apply("list.change." + c.kind()), nullToEmpty(c.voterName()),
                        c.at() == null ? "" : TIME.format(c.at().atZone(zone)), nullToEmpty(c.by()), nullToEmpty(c.why())))
                        .toList();
                writer.table(title, List.of(new Column(t.apply("list.col.no"), 4), new Column(t.apply("list.col.what"), 14),
                        new Column(t.apply("list.col.voter"), 22), new Column(t.apply("list.col.when"), 11),
                        new Column(t.apply("list.col.by"), 17), new Column(t.apply("list.col.why"), 32)), rows, false);
                if (changes.isEmpty()) {
                    writer.note(t.apply("list.pdf.noChanges"));
                } else {
                    writer.note(t.apply("list.pdf.newNumber"));
                }
            }
            writer.finish();
            var out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Column> listColumns(boolean origin, Function<String, String> t) {
        var columns = new ArrayList<Column>(List.of(new Column(t.apply("list.col.no"), 4),
                new Column(t.apply("list.col.family"), origin ? 11 : 12), new Column(t.apply("list.col.given"), origin ? 9 : 10),
                new Column(t.apply("list.col.patronymic"), origin ? 10 : 11), new Column(t.apply("list.col.born"), 7.5f),
                new Column(t.apply("list.col.address"), origin ? 13 : 16)));
        if (origin) {
            columns.add(new Column(t.apply("list.col.origin"), 9));
        }
        columns.addAll(List.of(new Column(t.apply("list.col.document"), 10), new Column(t.apply("list.col.voterSignature"), 10),
                new Column(t.apply("list.col.memberSignature"), 10), new Column(t.apply("list.col.remark"), 13)));
        return columns;
    }

    private static List<String> row(RegisterLists.ListEntry e, boolean origin) {
        var cells = new ArrayList<String>(List.of(Integer.toString(e.number()), e.familyName(), e.givenName(),
                nullToEmpty(e.patronymic()), DAY.format(e.dateOfBirth()), nullToEmpty(e.address())));
        if (origin) {
            cells.add(nullToEmpty(e.originSettlement()));
        }
        cells.addAll(List.of("", "", "", nullToEmpty(e.remark())));
        return cells;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static InputStream font() {
        InputStream in = VoterListPdf.class.getResourceAsStream("/fonts/DejaVuSans.ttf");
        if (in == null) {
            throw new IllegalStateException("fonts/DejaVuSans.ttf missing from the classpath");
        }
        return in;
    }

    /** Lays out pages top to bottom; page numbers are written once the number of pages is known. */
    private static final class Writer {
        private final PDDocument doc;
        private final PDFont font;
        private final RegisterLists.StationList list;
        private final Printing printing;
        private final Function<String, String> t;
        private final Map<Integer, Boolean> encodable = new HashMap<>();
        private PDPageContentStream out;
        private float y;

        Writer(PDDocument doc, PDFont font, RegisterLists.StationList list, Printing printing, Function<String, String> t) {
            this.doc = doc;
            this.font = font;
            this.list = list;
            this.printing = printing;
            this.t = t;
        }

        void table(String title, List<Column> columns, List<List<String>> rows, boolean fillWithBlankRows) throws IOException {
            float[] widths = widths(columns);
            newPage(title, columns, widths);
            for (List<String> row : rows) {
                if (y - ROW < MARGIN) {
                    newPage(title, columns, widths);
                }
                row(row, widths, BODY, ROW);
            }
            if (fillWithBlankRows) {
                // room for voters written in by hand on polling day, numbered on from the printed ones
                while (y - ROW >= MARGIN) {
                    row(List.of(), widths, BODY, ROW);
                }
            }
        }

        void note(String text) throws IOException {
            if (y - 14 < MARGIN) {
                return;
            }
            text(MARGIN, y - 11, BODY, text);
            y -= 14;
        }

        private float[] widths(List<Column> columns) {
            float total = (float) columns.stream().mapToDouble(Column::weight).sum();
            float usable = PAGE.getWidth() - 2 * MARGIN;
            float[] widths = new float[columns.size()];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = usable * columns.get(i).weight() / total;
            }
            return widths;
        }

        private void newPage(String section, List<Column> columns, float[] widths) throws IOException {
            if (out != null) {
                out.close();
            }
            PDPage page = new PDPage(PAGE);
            doc.addPage(page);
            out = new PDPageContentStream(doc, page);
            out.setLineWidth(0.4f);
            var election = list.election();
            var station = list.station();
            float top = PAGE.getHeight() - MARGIN;
            text(MARGIN, top - 10, 11, t.apply("list.pdf.title") + " — " + election.name() + ", "
                    + t.apply("list.pdf.pollingDay") + " " + DAY.format(election.pollingDay()));
            text(MARGIN, top - 24, 9, t.apply("list.pdf.station") + " " + station.number() + " (" + station.code() + "), "
                    + station.name() + " — " + nullToEmpty(station.address())
                    + (station.resettledArea() ? " · " + t.apply("list.pdf.resettled") : ""));
            String version = printing.version() == null
                    ? t.apply("list.pdf.draft")
                    : t.apply("list.pdf.version") + " " + printing.version() + " · "
                      + TIME.format(printing.at().atZone(station.timeZone())) + " (" + station.timeZone().getId() + ") · "
                      + t.apply("list.pdf.by") + " " + printing.printedBy();
            text(MARGIN, top - 36, 8, version);
            text(MARGIN, top - 50, 9, section);
            y = TABLE_TOP;
            row(columns.stream().map(Column::label).toList(), widths, HEAD, HEAD_ROW);
        }

        private void row(List<String> cells, float[] widths, float size, float height) throws IOException {
            float x = MARGIN;
            float bottom = y - height;
            for (int i = 0; i < widths.length; i++) {
                out.addRect(x, bottom, widths[i], height);
                String cell = i < cells.size() ? cells.get(i) : "";
                if (!cell.isEmpty()) {
                    // a header cell takes three lines, a row's cell two (a long address, a certificate number)
                    List<String> lines = wrap(cell, widths[i] - 4, size, height > ROW ? 3 : 2);
                    float lineY = y - 1.5f - size;
                    for (String line : lines) {
                        text(x + 2, lineY, size, line);
                        lineY -= size + 1.5f;
                    }
                }
                x += widths[i];
            }
            out.stroke();
            y = bottom;
        }

        private void text(float x, float baseline, float size, String text) throws IOException {
            out.beginText();
            out.setFont(font, size);
            out.newLineAtOffset(x, baseline);
            out.showText(safe(text));
            out.endText();
        }

        private float width(String text, float size) throws IOException {
            return font.getStringWidth(safe(text)) / 1000 * size;
        }

        private String fit(String text, float width, float size) throws IOException {
            String s = safe(text);
            if (width(s, size) <= width) {
                return s;
            }
            while (!s.isEmpty() && width(s + "…", size) > width) {
                s = s.substring(0, s.offsetByCodePoints(s.length(), -1));
            }
            return s + "…";
        }

        private List<String> wrap(String text, float width, float size, int maxLines) throws IOException {
            var lines = new ArrayList<String>();
            String line = "";
            for (String word : safe(text).split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (width(candidate, size) <= width || line.isEmpty()) {
                    line = candidate;
                } else {
                    lines.add(line);
                    line = word;
                }
            }
            lines.add(line);
            if (lines.size() > maxLines) {
                List<String> kept = new ArrayList<>(lines.subList(0, maxLines));
                kept.set(maxLines - 1, fit(String.join(" ", lines.subList(maxLines - 1, lines.size())), width, size));
                return kept;
            }
            var fitted = new ArrayList<String>();
            for (String l : lines) {
                fitted.add(fit(l, width, size));
            }
            return fitted;
        }

        /** Whitespace becomes a space; a character the font lacks becomes "?" rather than failing the whole list. */
        private String safe(String text) {
            var sb = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                if (Character.isWhitespace(cp) || Character.isISOControl(cp)) {
                    sb.append(' ');
                } else if (encodable.computeIfAbsent(cp, this::canEncode)) {
                    sb.appendCodePoint(cp);
                } else {
                    sb.append('?');
                }
            });
            return sb.toString();
        }

        private boolean canEncode(int codePoint) {
            try {
                font.encode(new String(Character.toChars(codePoint)));
                return true;
            } catch (IOException | IllegalArgumentException e) {
                return false;
            }
        }

        void finish() throws IOException {
            if (out != null) {
                out.close();
            }
            int pages = doc.getNumberOfPages();
            float top = PAGE.getHeight() - MARGIN;
            for (int i = 0; i < pages; i++) {
                try (var page = new PDPageContentStream(doc, doc.getPage(i), PDPageContentStream.AppendMode.APPEND, true, true)) {
                    String label = t.apply("list.pdf.page") + " " + (i + 1) + " " + t.apply("list.pdf.of") + " " + pages;
                    page.beginText();
                    page.setFont(font, 9);
                    page.newLineAtOffset(PAGE.getWidth() - MARGIN - width(label, 9), top - 10);
                    page.showText(label);
                    page.endText();
                }
            }
        }
    }
}
