package org.electora.support;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.GlobalHistogramBinarizer;
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
     * A camera sees a card at whatever scale it is held, and its decoder keeps trying frames. ZXing misses about 2 %
     * of these codes at any one rendering resolution (module edges falling between pixels), and in about one sheet in
     * a hundred it missed a perfectly clean code at every resolution PDFBox rendered, yet read it from the same image
     * scaled down smoothly. So each resolution is tried with both of ZXing's binarizers, then smoothly rescaled.
     */
    public static String read(PDDocument doc, int page, UnaryOperator<BufferedImage> crop) {
        NotFoundException missed = null;
        for (int dpi : DPIS) {
            BufferedImage rendered;
            try {
                rendered = crop.apply(new PDFRenderer(doc).renderImageWithDPI(page, dpi));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (double factor : RESCALES) {
                var source = new BufferedImageLuminanceSource(factor == 1 ? rendered : rescaled(rendered, factor));
                for (BinaryBitmap bitmap : List.of(new BinaryBitmap(new HybridBinarizer(source)),
                        new BinaryBitmap(new GlobalHistogramBinarizer(source)))) {
                    try {
                        return new MultiFormatReader().decode(bitmap, Map.of(DecodeHintType.POSSIBLE_FORMATS,
                                List.of(BarcodeFormat.QR_CODE), DecodeHintType.TRY_HARDER, true)).getText();
                    } catch (NotFoundException e) {
                        missed = e;
                    }
                }
            }
        }
        throw new AssertionError("No QR code found on page " + page + " at " + Arrays.toString(DPIS) + " dpi, each also scaled by "
                + Arrays.toString(RESCALES), missed);
    }

    private static BufferedImage rescaled(BufferedImage image, double factor) {
        int width = (int) (image.getWidth() * factor);
        int height = (int) (image.getHeight() * factor);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return out;
    }

    private static final double[] RESCALES = {1, 0.6, 0.8};
    private static final int[] DPIS = {200, 150, 300, 250, 175, 400};
}
