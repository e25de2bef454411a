package org.electora.support;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;

/** Reads QR codes back from rendered PDF pages, as a phone camera reads them from the printed card. */
public final class QrCodes {

    private QrCodes() {
    }

    /** The QR code on a whole page. */
    public static String read(PDDocument doc, int page) {
        return read(doc, page, image -> image);
    }

    /**
     * The QR code in the part of a rendered page that {@code crop} cuts out (computed from the rendered image's size).
     * A camera sees a card at whatever scale it is held; ZXing misses about 2 % of these codes at any one rendering
     * resolution (module edges falling between pixels), never at all of them — so several are tried.
     */
    public static String read(PDDocument doc, int page, UnaryOperator<BufferedImage> crop) {
        NotFoundException missed = null;
        for (int dpi : new int[] {200, 150, 300}) {
            try {
                BufferedImage image = crop.apply(new PDFRenderer(doc).renderImageWithDPI(page, dpi));
                return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                        Map.of(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE), DecodeHintType.TRY_HARDER, true)).getText();
            } catch (NotFoundException e) {
                missed = e;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new AssertionError("No QR code found on page " + page + " at 150, 200 or 300 dpi", missed);
    }
}
