package org.electora.platform;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * An A4 document laid out top to bottom: lines that wrap, headings that never end a page, rows of columns and bars,
 * a new page when one is full. DejaVu Sans is embedded (as a subset): it covers Latin with the Azerbaijani letters
 * (ə ğ ı ş ç ö ü İ) and Cyrillic, and every number stays extractable text.
 * <p>
 * {@code try (PdfText pdf = new PdfText("Title")) { pdf.line(12, "…"); return pdf.bytes(); }}
 */
public final class PdfText implements AutoCloseable {

    public static final float MARGIN = 50;
    public static final Color MUTED = new Color(0x4a, 0x55, 0x60);
    private static final Color BAR = new Color(0x0b, 0x4f, 0x8a);

    /** A column of a {@link #row}: where it starts, how wide it is, and whether its text is set flush right. */
    public record Column(float x, float width, boolean right) {
    }

    /** One bar of {@link #bars}: its label, its value, and the value as the page prints it. */
    public record Bar(String label, long value, String text) {
    }

    private final PDDocument doc;
    private final PDFont font;
    private PDPageContentStream out;
    private float y;
    private float width;
    private float qrBottom = Float.MAX_VALUE;

    public PdfText(String title) {
        doc = new PDDocument();
        try (InputStream in = PdfText.class.getResourceAsStream("/fonts/DejaVuSans.ttf")) {
            if (in == null) {
                throw new IllegalStateException("fonts/DejaVuSans.ttf missing from the classpath");
            }
            font = PDType0Font.load(doc, in);
            doc.getDocumentInformation().setTitle(title);
            doc.getDocumentInformation().setCreator("Electora");
            newPage();
        } catch (IOException e) {
            closeQuietly();
            throw new UncheckedIOException(e);
        }
    }

    /** The width text may take between the margins. */
    public float width() {
        return width;
    }

    public PdfText gap(float points) {
        y -= points;
        return this;
    }

    public PdfText heading(String text) {
        room(40);
        gap(4);
        return line(13, text);
    }

    public PdfText line(float size, String text) {
        return write(size, text, Color.BLACK, width);
    }

    public PdfText muted(float size, String text) {
        return write(size, text, MUTED, width);
    }

    /** A line that wraps short of the right margin by {@code reserve} points, e.g. beside a {@link #qr}. */
    public PdfText beside(float size, String text, float reserve) {
        return write(size, text, Color.BLACK, width - reserve);
    }

    /** Moves below the last {@link #qr}, if the text beside it ended higher. */
    public PdfText belowQr() {
        y = Math.min(y, qrBottom - 6);
        return this;
    }

    /** One row of cells, each cut with "…" to its column's width; a rule under it when {@code ruled}. */
    public PdfText row(float size, List<Column> columns, List<String> cells, boolean ruled) {
        return cells(size, columns, cells.stream().map(List::of).toList(), ruled);
    }

    /**
     * One row of cells that wrap within their columns instead of being cut (names and parties in an official
     * document are printed whole); the row is as tall as its longest cell, a rule under it when {@code ruled}.
     */
    public PdfText wrappedRow(float size, List<Column> columns, List<String> cells, boolean ruled) {
        List<List<String>> wrapped = new ArrayList<>();
        for (int i = 0; i < columns.size() && i < cells.size(); i++) {
            wrapped.add(wrap(cells.get(i), size, columns.get(i).width()));
        }
        return cells(size, columns, wrapped, ruled);
    }

    /** Draws a row whose cells hold these lines, each cut with "…" to its column's width. */
    private PdfText cells(float size, List<Column> columns, List<List<String>> lines, boolean ruled) {
        int height = Math.max(1, lines.stream().mapToInt(List::size).max().orElse(1));
        room(size * (0.2f + 1.4f * height));
        y -= size * 1.6f;
        float top = y;
        for (int i = 0; i < columns.size() && i < lines.size(); i++) {
            Column c = columns.get(i);
            float lineY = top;
            for (String line : lines.get(i)) {
                String text = fit(line, size, c.width());
                float x = c.right() ? c.x() + c.width() - textWidth(text, size) : c.x();
                show(size, MARGIN + x, lineY, text, Color.BLACK);
                lineY -= size * 1.4f;
            }
        }
        y = top - size * 1.4f * (height - 1);
        if (ruled) {
            rule(y - size * 0.45f);
        }
        return this;
    }

    /** A line to sign on: the label, then a rule to the right margin. */
    public PdfText signatureLine(float size, String label) {
        room(size * 3);
        y -= size * 3;
        show(size, MARGIN, y, label, Color.BLACK);
        try {
            out.setStrokingColor(Color.BLACK);
            out.moveTo(MARGIN + textWidth(label, size) + 8, y - 2);
            out.lineTo(MARGIN + width, y - 2);
            out.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** One horizontal bar per entry, the longest scaled to the space right of the labels. */
    public PdfText bars(float labelWidth, List<Bar> bars) {
        float barSpace = width - labelWidth - 40;
        long max = Math.max(1, bars.stream().mapToLong(Bar::value).max().orElse(1));
        for (Bar b : bars) {
            room(16);
            y -= 14;
            show(9, MARGIN, y + 1, fit(b.label(), 9, labelWidth - 6), Color.BLACK);
            float w = barSpace * b.value() / max;
            try {
                out.setNonStrokingColor(BAR);
                out.addRect(MARGIN + labelWidth, y, w, 10);
                out.fill();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            show(9, MARGIN + labelWidth + w + 4, y + 1, b.text(), Color.BLACK);
        }
        return this;
    }

    /**
     * A QR code of {@code content} at the right margin, {@code size} points wide, level with the next line; the text
     * written after it should keep left of it ({@link #width()} less the size). Error correction M and the standard
     * quiet zone: readable from a phone off a printed sheet on a door.
     */
    public PdfText qr(String content, float size) {
        try {
            PDImageXObject image = LosslessFactory.createFromImage(doc, qrImage(content));
            out.drawImage(image, MARGIN + width - size, y - size, size, size);
            qrBottom = y - size;
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A QR code as an image: error correction M and the standard four-module quiet zone, several pixels per module so
     * that a renderer's interpolation cannot blur module edges together.
     */
    public static BufferedImage qrImage(String content) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 600, 600,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
            return MatrixToImageWriter.toBufferedImage(matrix);
        } catch (WriterException e) {
            throw new IllegalArgumentException("Too long for a QR code: " + content, e);
        }
    }

    /** A document to open in the browser and print, never cached: it shows what is recorded at the moment it is asked. */
    public static ResponseEntity<byte[]> inline(byte[] pdf, String filename) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(filename).build().toString())
                .cacheControl(CacheControl.noStore())
                .body(pdf);
    }

    /** The finished document. */
    public byte[] bytes() {
        try {
            out.close();
            var bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            doc.close();
        } catch (IOException ignored) {
            // nothing was written anywhere
        }
    }

    private PdfText write(float size, String text, Color colour, float within) {
        for (String part : wrap(text, size, within)) {
            room(size * 1.4f);
            y -= size * 1.4f;
            show(size, MARGIN, y, part, colour);
        }
        return this;
    }

    private void newPage() throws IOException {
        if (out != null) {
            out.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        out = new PDPageContentStream(doc, page);
        width = page.getMediaBox().getWidth() - 2 * MARGIN;
        y = page.getMediaBox().getHeight() - MARGIN;
    }

    private void room(float height) {
        if (y - height < MARGIN) {
            try {
                newPage();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void rule(float at) {
        try {
            out.setStrokingColor(new Color(0xd9, 0xde, 0xe4));
            out.setLineWidth(0.5f);
            out.moveTo(MARGIN, at);
            out.lineTo(MARGIN + width, at);
            out.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void show(float size, float x, float at, String text, Color colour) {
        try {
            out.beginText();
            out.setNonStrokingColor(colour);
            out.setFont(font, size);
            out.newLineAtOffset(x, at);
            out.showText(text);
            out.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private float textWidth(String text, float size) {
        try {
            return font.getStringWidth(text) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String fit(String text, float size, float space) {
        String fitted = text;
        while (fitted.length() > 3 && textWidth(fitted, size) > space) {
            fitted = fitted.substring(0, fitted.length() - 2) + "…";
        }
        return fitted;
    }

    private List<String> wrap(String text, float size, float within) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = current.isEmpty() ? word : current + " " + word;
            if (!current.isEmpty() && textWidth(candidate, size) > within) {
                lines.add(current.toString());
                current = new StringBuilder(word);
            } else {
                current = new StringBuilder(candidate);
            }
        }
        lines.add(current.toString());
        return lines;
    }
}
