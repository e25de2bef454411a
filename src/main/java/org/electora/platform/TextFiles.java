package org.electora.platform;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;

/** Reading uploaded text files the same way everywhere. */
public final class TextFiles {

    private TextFiles() {
    }

    /** The whole text, without a leading byte-order mark (spreadsheets add one to UTF-8 CSV). */
    public static String readAll(Reader reader) {
        try {
            var sb = new StringBuilder();
            char[] buffer = new char[1 << 16];
            int n;
            while ((n = reader.read(buffer)) > 0) {
                sb.append(buffer, 0, n);
            }
            String text = sb.toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
