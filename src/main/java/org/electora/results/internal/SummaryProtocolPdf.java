package org.electora.results.internal;

import java.text.NumberFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

import org.electora.election.Candidate;
import org.electora.election.Contest;
import org.electora.election.Election;
import org.electora.election.ProtocolTemplate;
import org.electora.geography.Constituency;
import org.electora.geography.PollingStation;
import org.electora.platform.PdfText;
import org.electora.platform.PdfText.Column;
import org.electora.platform.Ui;
import org.electora.results.ConstituencyProtocol;
import org.electora.results.ProtocolStatus;
import org.electora.results.Tally;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A constituency's signed summary protocol as an A4 PDF in the reader's language, for the commission to print, sign
 * by hand and post: the totals exactly as signed, each candidate's votes and share, every station with the state of
 * its protocol, the SHA-256 of the signed record (to check the paper against Electora), and lines for the members'
 * signatures.
 */
@Component
class SummaryProtocolPdf {

    /** A station of the constituency with the state of its protocol when printed (null: none arrived). */
    record StationLine(PollingStation station, ProtocolStatus status) {
    }

    private final MessageSource messages;

    SummaryProtocolPdf(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * The summary protocol of {@code signed}. For a round a CEC decision withdrew, {@code withdrawal} says so under the
     * heading and the stations are left out: the withdrawal opened their protocols again, and their states at the
     * signature are not kept (the round that replaced it lists them).
     */
    byte[] render(Election election, Contest contest, ProtocolTemplate form, Constituency k, ConstituencyProtocol signed,
                  SignatureRound withdrawal, List<Candidate> candidates, List<StationLine> stations, ZoneId capital,
                  Locale locale) {
        NumberFormat n = NumberFormat.getIntegerInstance(locale);
        DateTimeFormatter time = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT).withLocale(locale);
        Tally t = signed.totals();
        String title = t("summaryPdf.title", locale, k.number(), k.name());
        try (PdfText pdf = new PdfText(title)) {
            pdf.line(16, t("summaryPdf.heading", locale));
            pdf.line(12, title);
            pdf.line(10, election.name() + " · " + contest.name());
            pdf.line(10, t("summaryPdf.signed", locale, signed.round(), signed.signedBy(),
                    time.format(signed.signedAt().atZoneSameInstant(capital)) + " (" + capital.getId() + ")"));
            if (withdrawal != null) {
                pdf.heading(t("summaryPdf.withdrawn", locale, withdrawal.withdrawnBy(),
                        time.format(withdrawal.withdrawnAt().atZoneSameInstant(capital)) + " (" + capital.getId() + ")",
                        withdrawal.decisionReference(), withdrawal.reason()));
            }
            pdf.gap(6);

            pdf.heading(t("summaryPdf.totals", locale));
            List<Column> pair = List.of(new Column(0, pdf.width() - 120, false), new Column(pdf.width() - 120, 120, true));
            pdf.row(10, pair, List.of(t("desk.stationsCounted", locale), n.format(t.stationsCounted()) + " / "
                    + n.format(k.stations())), true);
            pdf.row(10, pair, List.of(t("desk.votersOnList", locale), n.format(t.votersOnList())), true);
            pdf.row(10, pair, List.of(t("desk.ballotsIssued", locale), n.format(t.ballotsIssued())), true);
            pdf.row(10, pair, List.of(t("summaryPdf.turnout", locale), percent(t.ballotsIssued(), t.votersOnList(), locale)), true);
            pdf.row(10, pair, List.of(t("desk.valid", locale), n.format(t.valid())), true);
            pdf.row(10, pair, List.of(t("desk.invalid", locale), n.format(t.invalid())), true);
            pdf.gap(6);

            String shareBase = Ui.form(messages, locale, form.code(), "shareBase", form.shareDenominatorName());
            pdf.heading(t("summaryPdf.candidates", locale, shareBase));
            List<Column> votes = List.of(new Column(0, 24, true), new Column(34, pdf.width() - 34 - 170, false),
                    new Column(pdf.width() - 170, 90, true), new Column(pdf.width() - 70, 70, true));
            pdf.row(9, votes, List.of("№", t("summaryPdf.candidate", locale), t("summaryPdf.votes", locale), t("summaryPdf.share", locale)), true);
            for (Candidate c : candidates) {
                long v = t.votes(c.ballotOrder());
                pdf.row(10, votes, List.of(Integer.toString(c.ballotOrder()), c.fullName(), n.format(v),
                        percent(v, t.shareBase(), locale)), true);
            }
            pdf.gap(6);

            if (withdrawal == null) {
                pdf.heading(t("summaryPdf.stations", locale, n.format(stations.size())));
                List<Column> station = List.of(new Column(0, 110, false), new Column(116, pdf.width() - 116 - 130, false),
                        new Column(pdf.width() - 130, 130, false));
                for (StationLine s : stations) {
                    pdf.row(9, station, List.of(s.station().code(), s.station().name(), s.status() == null
                            ? t("summaryPdf.noProtocol", locale) : t("status." + s.status().name(), locale)), false);
                }
            } else {
                pdf.muted(9, t("summaryPdf.withdrawnStations", locale));
            }
            pdf.gap(8);

            pdf.muted(8, t("summaryPdf.sha256", locale, signed.sha256()));
            pdf.gap(6);
            pdf.heading(t("summaryPdf.signatures", locale));
            for (String role : List.of("chair", "deputy", "secretary", "member", "member", "member")) {
                pdf.signatureLine(10, t("summaryPdf.role." + role, locale));
            }
            pdf.gap(10);
            pdf.muted(8, t("summaryPdf.footer", locale));
            return pdf.bytes();
        }
    }

    private static String percent(long part, long whole, Locale locale) {
        return whole == 0 ? "–" : String.format(locale, "%.2f %%", 100.0 * part / whole);
    }

    private String t(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }
}
