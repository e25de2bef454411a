package org.electora.accreditation.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

import javax.imageio.ImageIO;

/** Photos made on the spot: a plain portrait (a head and shoulders on a light background), or noise that compresses badly. */
public final class TestPhotos {

    private TestPhotos() {
    }

    public static byte[] jpeg(int width, int height) {
        return encode(portrait(width, height), "jpg");
    }

    static byte[] png(int width, int height) {
        return encode(portrait(width, height), "png");
    }

    /** Random pixels: a PNG of them is about 3 bytes a pixel, so 1000×1300 is over 2 MiB. */
    static byte[] noisyPng(int width, int height, long seed) {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return encode(image, "png");
    }

    static BufferedImage portrait(int width, int height) {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xDDE6EE));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(0x2E4A62));
        g.fillOval(width / 8, height * 2 / 3, width * 3 / 4, height / 2);
        g.setColor(new Color(0xC8A27C));
        g.fillOval(width / 4, height / 6, width / 2, height / 2);
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(Math.max(1, width / 100f)));
        g.drawOval(width / 4, height / 6, width / 2, height / 2);
        g.dispose();
        return image;
    }

    static byte[] encode(BufferedImage image, String format) {
        try {
            var out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
