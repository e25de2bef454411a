package org.electora.accreditation.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.util.Matrix;
import org.electora.platform.PdfText;
import org.springframework.stereotype.Component;

/**
 * A badge as a printable A6 card: photo, holder, organisation, category, number, validity and the QR code of the
 * signed credential; and print sheets of eight such cards per A4 page for a whole mission. DejaVu Sans is embedded
 * (subset) because names come in Azerbaijani Latin, Cyrillic and more.
 */
@Component
class BadgePdf {

    private static final float MARGIN = 24;
    private static final float PHOTO_WIDTH = 72;
    private static final float PHOTO_HEIGHT = 96;
    /** Eight cards on an A4 sheet in landscape, four across and two down: each card is the A6 card scaled to A7. */
    static final int SHEET_COLUMNS = 4;
    static final int SHEET_ROWS = 2;
    static final PDRectangle SHEET = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());

    /** @param photo the holder's photo (JPEG or PNG bytes) or null, when the card shows an empty frame */
    record Card(String commission, String name, String organisation, String category, String badgeNumber,
                String validity, String credential, byte[] photo) {
        Card(String commission, String name, String organisation, String category, String badgeNumber,
             String validity, String credential) {
            this(commission, name, organisation, category, badgeNumber, validity, credential, null);
        }
    }

    byte[] render(Card card) {
        try (PDDocument doc = new PDDocument(); InputStream fontFile = font()) {
            PDFont font = PDType0Font.load(doc, fontFile);
            PDPage page = new PDPage(PDRectangle.A6);
            doc.addPage(page);
            try (PDPageContentStream out = new PDPageContentStream(doc, page)) {
                draw(doc, out, font, card);
            }
            return save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Cards on A4 sheets, {@link #SHEET_COLUMNS}×{@link #SHEET_ROWS} a page, in the order given; each cell holds the
     * very layout of {@link #render} scaled by 1/√2, with a thin cutting frame.
     */
    byte[] renderSheet(List<Card> cards) {
        try (PDDocument doc = new PDDocument(); InputStream fontFile = font()) {
            PDFont font = PDType0Font.load(doc, fontFile);
            float cellWidth = SHEET.getWidth() / SHEET_COLUMNS;
            float cellHeight = SHEET.getHeight() / SHEET_ROWS;
            float scale = Math.min(cellWidth / PDRectangle.A6.getWidth(), cellHeight / PDRectangle.A6.getHeight());
            int perPage = SHEET_COLUMNS * SHEET_ROWS;
            for (int first = 0; first < cards.size(); first += perPage) {
                PDPage page = new PDPage(SHEET);
                doc.addPage(page);
                try (PDPageContentStream out = new PDPageContentStream(doc, page)) {
                    for (int i = 0; i < perPage && first + i < cards.size(); i++) {
                        float x = (i % SHEET_COLUMNS) * cellWidth;
                        float y = SHEET.getHeight() - (i / SHEET_COLUMNS + 1) * cellHeight;
                        out.saveGraphicsState();
                        out.setStrokingColor(0.75f);
                        out.setLineWidth(0.3f);
                        out.addRect(x, y, cellWidth, cellHeight);
                        out.stroke();
                        out.transform(Matrix.getTranslateInstance(x + (cellWidth - PDRectangle.A6.getWidth() * scale) / 2,
                                y + (cellHeight - PDRectangle.A6.getHeight() * scale) / 2));
                        out.transform(Matrix.getScaleInstance(scale, scale));
                        draw(doc, out, font, cards.get(first + i));
                        out.restoreGraphicsState();
                    }
                }
            }
            return save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The card in A6 coordinates (origin bottom left): title and category, photo with the holder's details beside it, QR below. */
    private static void draw(PDDocument doc, PDPageContentStream out, PDFont font, Card card) throws IOException {
        float width = PDRectangle.A6.getWidth();
        float top = PDRectangle.A6.getHeight() - MARGIN;
        PDImageXObject qr = LosslessFactory.createFromImage(doc, PdfText.qrImage(card.credential()));
        float qrSize = width - 2 * MARGIN - 40;
        text(out, font, 9, MARGIN, top, card.commission());
        text(out, font, 16, MARGIN, top - 26, card.category());
        float photoTop = top - 38;
        BufferedImage photo = card.photo() == null ? null : AccreditationPhotos.forPrint(card.photo());
        if (photo != null) {
            out.drawImage(JPEGFactory.createFromImage(doc, rgb(photo), 0.85f), MARGIN, photoTop - PHOTO_HEIGHT, PHOTO_WIDTH, PHOTO_HEIGHT);
        } else {
            out.saveGraphicsState();
            out.setStrokingColor(0.6f);
            out.addRect(MARGIN, photoTop - PHOTO_HEIGHT, PHOTO_WIDTH, PHOTO_HEIGHT);
            out.stroke();
            out.restoreGraphicsState();
        }
        float x = MARGIN + PHOTO_WIDTH + 10;
        float room = width - MARGIN - x;
        fitted(out, font, 13, x, photoTop - 14, room, card.name());
        wrapped(out, font, 10, x, photoTop - 30, room, card.organisation());
        fitted(out, font, 10, x, photoTop - 56, room, "No. " + card.badgeNumber());
        fitted(out, font, 9, x, photoTop - 72, room, card.validity());
        out.drawImage(qr, (width - qrSize) / 2, MARGIN, qrSize, qrSize);
    }

    private static final float MIN_SIZE = 6.5f;

    /** Long names shrink to fit beside the photo, down to a legible size; beyond that they are cut with an ellipsis. */
    private static void fitted(PDPageContentStream out, PDFont font, float size, float x, float y, float room, String text) throws IOException {
        float needed = width(font, size, text);
        float fitting = needed > room ? Math.max(MIN_SIZE, size * room / needed) : size;
        text(out, font, fitting, x, y, cut(font, fitting, room, text));
    }

    /** An organisation's name on up to two lines, shrinking as needed ("Organization for Security and Co-operation…"). */
    private static void wrapped(PDPageContentStream out, PDFont font, float size, float x, float y, float room, String text) throws IOException {
        for (float s = size; s >= MIN_SIZE; s -= 0.5f) {
            List<String> lines = lines(font, s, room, text);
            if (lines.size() <= 2) {
                for (int i = 0; i < lines.size(); i++) {
                    text(out, font, s, x, y - i * (s + 1.5f), lines.get(i));
                }
                return;
            }
        }
        List<String> lines = lines(font, MIN_SIZE, room, text);
        text(out, font, MIN_SIZE, x, y, lines.get(0));
        text(out, font, MIN_SIZE, x, y - MIN_SIZE - 1.5f, cut(font, MIN_SIZE, room, String.join(" ", lines.subList(1, lines.size()))));
    }

    private static List<String> lines(PDFont font, float size, float room, String text) throws IOException {
        List<String> lines = new java.util.ArrayList<>();
        String line = "";
        for (String word : text.split("\\s+")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && width(font, size, candidate) > room) {
                lines.add(line);
                line = word;
            } else {
                line = candidate;
            }
        }
        lines.add(line);
        return lines;
    }

    private static String cut(PDFont font, float size, float room, String text) throws IOException {
        if (width(font, size, text) <= room) {
            return text;
        }
        String cut = text;
        while (cut.length() > 1 && width(font, size, cut + "…") > room) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut.strip() + "…";
    }

    private static float width(PDFont font, float size, String text) throws IOException {
        return font.getStringWidth(text) / 1000 * size;
    }

    private static BufferedImage rgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        var g = copy.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return copy;
    }

    private static byte[] save(PDDocument doc) throws IOException {
        var bytes = new ByteArrayOutputStream();
        doc.save(bytes);
        return bytes.toByteArray();
    }

    private static void text(PDPageContentStream out, PDFont font, float size, float x, float y, String text) throws IOException {
        out.beginText();
        out.setFont(font, size);
        out.newLineAtOffset(x, y);
        out.showText(text);
        out.endText();
    }

    private static InputStream font() {
        InputStream in = BadgePdf.class.getResourceAsStream("/fonts/DejaVuSans.ttf");
        if (in == null) {
            throw new IllegalStateException("fonts/DejaVuSans.ttf missing from the classpath");
        }
        return in;
    }
}
