package org.electora.platform;

import java.util.List;

import org.electora.support.PdfTexts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Rows of an A4 document: a wrapped row prints its cells whole, over as many lines as the longest needs. */
class PdfTextTest {

    private static final String PARTY = "Party of the New Republic and of the Renewal of the Restored Highlands";

    @Test
    void aWrappedRowPrintsALongCellWholeOverSeveralLinesWhereARowCutsIt() throws Exception {
        List<PdfText.Column> columns = List.of(new PdfText.Column(0, 150, false), new PdfText.Column(160, 110, false),
                new PdfText.Column(280, 60, true));
        byte[] wrapped;
        byte[] cut;
        try (PdfText pdf = new PdfText("Wrapped")) {
            pdf.wrappedRow(10, columns, List.of("Huseynzade Gulnar Rasim gizi", PARTY, "12,345"), true);
            pdf.row(10, columns, List.of("next row", "short", "1"), true);
            wrapped = pdf.bytes();
        }
        try (PdfText pdf = new PdfText("Cut")) {
            pdf.row(10, columns, List.of("Huseynzade Gulnar Rasim gizi", PARTY, "12,345"), true);
            cut = pdf.bytes();
        }

        String text = PdfTexts.of(wrapped);
        assertThat(text.replaceAll("\\s+", " ")).contains("Renewal", "Highlands", "12,345", "next row").doesNotContain("…");
        // The party's last words are printed (the cut row below loses them), and the next row comes after them.
        assertThat(text.lines().filter(l -> l.contains("Restored") || l.contains("Highlands")).count()).isPositive();
        assertThat(text.indexOf("Highlands")).isLessThan(text.indexOf("next row"));
        assertThat(PdfTexts.of(cut)).contains("…").doesNotContain("Highlands");
    }
}
