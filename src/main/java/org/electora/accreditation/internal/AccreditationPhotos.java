package org.electora.accreditation.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.electora.platform.Digests;
import org.electora.platform.Problem;

/**
 * The badge photo: a JPEG or PNG recognised by its first bytes (never by a file name or a declared content type),
 * at most {@link #MAX_BYTES}, between {@link #MIN_WIDTH}×{@link #MIN_HEIGHT} and {@link #MAX_SIDE}×{@link #MAX_SIDE}
 * pixels, portrait like a passport photo. The dimensions are read from the image header before any pixel is decoded,
 * so a small file that claims a huge image (a decompression bomb) is refused without allocating it.
 */
final class AccreditationPhotos {

    static final String MISSING = "ACC-100";
    static final String TOO_LARGE = "ACC-101";
    static final String NOT_AN_IMAGE = "ACC-102";
    static final String TOO_SMALL = "ACC-103";
    static final String TOO_MANY_PIXELS = "ACC-104";
    static final String NOT_PORTRAIT = "ACC-105";

    static final int MAX_BYTES = 2 * 1024 * 1024;
    static final int MIN_WIDTH = 300;
    static final int MIN_HEIGHT = 400;
    static final int MAX_SIDE = 4000;
    /** Height ÷ width: a 35×45 mm passport photo is 1.29, a 3:4 portrait 1.33; square or landscape is refused. */
    static final double MIN_RATIO = 1.15;
    static final double MAX_RATIO = 1.60;

    /** A photo that passed every check. */
    record Photo(String mediaType, int width, int height, byte[] bytes, String sha256) {
        Photo {
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    private AccreditationPhotos() {
    }

    /** The photo, or null with the reasons added to {@code problems} (at {@code line}, field {@code field}). */
    static Photo check(byte[] bytes, int line, String field, List<Problem> problems) {
        if (bytes == null || bytes.length == 0) {
            problems.add(Problem.at(line, MISSING, field, "a photo (JPEG or PNG) is required"));
            return null;
        }
        if (bytes.length > MAX_BYTES) {
            problems.add(Problem.at(line, TOO_LARGE, field, "the photo is %,d bytes; at most %,d (2 MiB) are accepted"
                    .formatted(bytes.length, MAX_BYTES)));
            return null;
        }
        String mediaType = sniff(bytes);
        if (mediaType == null) {
            problems.add(Problem.at(line, NOT_AN_IMAGE, field, "the file is not a JPEG or PNG image"));
            return null;
        }
        int width;
        int height;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = reader(mediaType, in);
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
                if (width < MIN_WIDTH || height < MIN_HEIGHT) {
                    problems.add(Problem.at(line, TOO_SMALL, field, "the photo is %d×%d pixels; at least %d×%d are needed to print it sharply"
                            .formatted(width, height, MIN_WIDTH, MIN_HEIGHT)));
                    return null;
                }
                if (width > MAX_SIDE || height > MAX_SIDE) {
                    problems.add(Problem.at(line, TOO_MANY_PIXELS, field, "the photo is %d×%d pixels; at most %d×%d are accepted"
                            .formatted(width, height, MAX_SIDE, MAX_SIDE)));
                    return null;
                }
                double ratio = (double) height / width;
                if (ratio < MIN_RATIO || ratio > MAX_RATIO) {
                    problems.add(Problem.at(line, NOT_PORTRAIT, field, "the photo is %d×%d pixels; a portrait (height ÷ width between %.2f and %.2f, e.g. 3×4) is needed"
                            .formatted(width, height, MIN_RATIO, MAX_RATIO)));
                    return null;
                }
                // Decode (subsampled, so memory stays small) to refuse a file whose header is fine but body is not.
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, Math.max(width, height) / 400);
                param.setSourceSubsampling(step, step, 0, 0);
                reader.read(0, param);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            problems.add(Problem.at(line, NOT_AN_IMAGE, field, "the " + (mediaType.equals("image/png") ? "PNG" : "JPEG")
                    + " image cannot be read: it is damaged or truncated"));
            return null;
        }
        return new Photo(mediaType, width, height, bytes, Digests.sha256(bytes));
    }

    /** JPEG starts FF D8 FF; PNG with its 8-byte signature. Anything else is not a photo, whatever its name says. */
    static String sniff(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        if (b.length >= png.length) {
            for (int i = 0; i < png.length; i++) {
                if (b[i] != png[i]) {
                    return null;
                }
            }
            return "image/png";
        }
        return null;
    }

    private static ImageReader reader(String mediaType, ImageInputStream in) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(mediaType);
        if (!readers.hasNext() || in == null) {
            throw new IOException("no reader for " + mediaType);
        }
        ImageReader reader = readers.next();
        reader.setInput(in, true, true);
        return reader;
    }

    /** The photo scaled down for printing (a badge needs no more than about 400 pixels across). */
    static BufferedImage forPrint(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            String mediaType = sniff(bytes);
            if (mediaType == null) {
                return null;
            }
            ImageReader reader = reader(mediaType, in);
            try {
                int step = Math.max(1, Math.max(reader.getWidth(0), reader.getHeight(0)) / 600);
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
