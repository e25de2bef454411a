package org.electora.accreditation.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

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
import org.springframework.stereotype.Component;

/**
 * A badge as a printable A6 card: holder, organisation, category, number, validity and the QR code of the signed
 * credential. DejaVu Sans is embedded (subset) because names come in Azerbaijani Latin, Cyrillic and more.
 */
@Component
class BadgePdf {

    private static final float MARGIN = 24;

    record Card(String commission, String name, String organisation, String category, String badgeNumber,
                String validity, String credential) {
    }

    byte[] render(Card card) {
        try (PDDocument doc = new PDDocument(); InputStream fontFile = font()) {
            PDFont font = PDType0Font.load(doc, fontFile);
            PDPage page = new PDPage(PDRectangle.A6);
            doc.addPage(page);
            float width = page.getMediaBox().getWidth();
            float top = page.getMediaBox().getHeight() - MARGIN;
            PDImageXObject qr = LosslessFactory.createFromImage(doc, qr(card.credential()));
            float qrSize = width - 2 * MARGIN - 40;
            try (PDPageContentStream out = new PDPageContentStream(doc, page)) {
                text(out, font, 9, MARGIN, top, card.commission());
                text(out, font, 16, MARGIN, top - 26, card.category());
                text(out, font, 13, MARGIN, top - 50, card.name());
                text(out, font, 10, MARGIN, top - 66, card.organisation());
                text(out, font, 10, MARGIN, top - 84, "No. " + card.badgeNumber());
                text(out, font, 10, MARGIN, top - 98, card.validity());
                out.drawImage(qr, (width - qrSize) / 2, MARGIN, qrSize, qrSize);
            }
            var bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void text(PDPageContentStream out, PDFont font, float size, float x, float y, String text) throws IOException {
        out.beginText();
        out.setFont(font, size);
        out.newLineAtOffset(x, y);
        out.showText(text);
        out.endText();
    }

    /** Error correction M and the standard four-module quiet zone: readable from a phone screen or a worn print. */
    private static BufferedImage qr(String content) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(content, com.google.zxing.BarcodeFormat.QR_CODE, 600, 600,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
            // several pixels per module, so that a renderer's interpolation cannot blur module edges together
            return MatrixToImageWriter.toBufferedImage(matrix);
        } catch (WriterException e) {
            throw new IllegalStateException("Credential too long for a QR code", e);
        }
    }

    private static InputStream font() {
        InputStream in = BadgePdf.class.getResourceAsStream("/fonts/DejaVuSans.ttf");
        if (in == null) {
            throw new IllegalStateException("fonts/DejaVuSans.ttf missing from the classpath");
        }
        return in;
    }
}
