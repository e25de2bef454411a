package org.electora.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;

/** The text of a PDF the app served, with every run of white space as one space (lines wrap where a page is full). */
public final class PdfTexts {

    private PdfTexts() {
    }

    public static String of(byte[] pdf) {
        try (var doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String of(Api.Bytes response) {
        if (response.status() != 200) {
            throw new IllegalStateException("Not a PDF but " + response.status() + ": " + new String(response.body()));
        }
        return of(response.body());
    }
}
