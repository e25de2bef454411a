package org.electora.results.internal;

import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

import org.electora.election.Candidate;
import org.electora.election.ProtocolLine;
import org.electora.election.Violation;
import org.electora.platform.PdfText;
import org.electora.platform.PdfText.Column;
import org.electora.platform.Ui;
import org.electora.results.ProtocolVersion;
import org.electora.results.ProtocolView;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The copy of a station's protocol that the precinct commission posts at the door after the count, printed from the
 * version Electora holds: every line and every candidate's votes in large type, the control relations it breaks,
 * the version's SHA-256, and a QR code of the station's public results page. Observers, journalists and voters scan
 * it and compare the door's numbers with the published ones once results are public (issue: "check each station's
 * numbers against the copy posted at the station door").
 */
@Component
class PostedCopyPdf {

    private final MessageSource messages;

    PostedCopyPdf(MessageSource messages) {
        this.messages = messages;
    }

    byte[] render(EntrySheet sheet, ProtocolView protocol, ProtocolVersion version, String publicPage, Locale locale) {
        NumberFormat n = NumberFormat.getIntegerInstance(locale);
        DateTimeFormatter time = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT).withLocale(locale);
        var station = sheet.station();
        try (PdfText pdf = new PdfText(t("postedCopy.heading", locale) + " " + station.code())) {
            float qr = 110;
            pdf.qr(publicPage, qr);
            pdf.beside(15, t("postedCopy.heading", locale), qr + 10);
            pdf.beside(13, station.code() + " · " + station.name(), qr + 10);
            if (station.address() != null) {
                pdf.beside(10, station.address(), qr + 10);
            }
            pdf.beside(10, sheet.election().name() + " · " + sheet.contestName(), qr + 10);
            pdf.beside(10, t("postedCopy.version", locale, version.number(), t("status." + protocol.status().name(), locale),
                    time.format(version.submittedAt().atZoneSameInstant(station.timeZone())) + " (" + station.timeZone().getId() + ")"), qr + 10);
            pdf.belowQr();

            List<Column> lines = List.of(new Column(0, 24, true), new Column(34, pdf.width() - 34 - 110, false),
                    new Column(pdf.width() - 100, 100, true));
            for (ProtocolLine line : sheet.template().lines()) {
                // Wrapped, not cut: the Azerbaijani and Russian names of the form's lines are long, and this copy is
                // the one posted at the door.
                pdf.wrappedRow(12, lines, List.of(Integer.toString(line.number()),
                        Ui.form(messages, locale, sheet.template().code(), "line." + line.code(), line.name()),
                        n.format(version.lines().getOrDefault(line.number(), 0L))), true);
            }
            pdf.gap(6);
            for (Candidate c : sheet.candidates()) {
                pdf.wrappedRow(12, lines, List.of("C" + c.ballotOrder(), c.fullName(),
                        n.format(version.votes().getOrDefault(c.ballotOrder(), 0L))), true);
            }
            pdf.gap(8);
            if (version.violations().isEmpty()) {
                pdf.line(10, t("postedCopy.relationsHold", locale));
            } else {
                for (Violation v : version.violations()) {
                    pdf.line(10, t("postedCopy.breaks", locale, v.ruleCode(), v.expression(), v.lhs(), v.rhs()));
                }
            }
            pdf.muted(8, t("postedCopy.sha256", locale, version.contentSha256()));
            pdf.gap(4);
            pdf.line(10, t("postedCopy.compare", locale));
            pdf.muted(9, publicPage);
            pdf.gap(6);
            for (String role : List.of("chair", "secretary")) {
                pdf.signatureLine(10, t("summaryPdf.role." + role, locale));
            }
            pdf.signatureLine(10, t("postedCopy.postedAt", locale));
            return pdf.bytes();
        }
    }

    private String t(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }
}
