package org.electora.publication.internal;

import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

import org.electora.platform.PdfText;
import org.electora.platform.PdfText.Column;
import org.electora.platform.Ui;
import org.electora.publication.ResultsSnapshot;
import org.electora.publication.SnapshotContent;
import org.electora.publication.SnapshotContent.Area;
import org.electora.publication.SnapshotContent.CandidatePart;
import org.electora.publication.SnapshotStatus;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A published snapshot as an A4 PDF in the reader's language, for the press and the official gazette: the national
 * totals, each candidate's votes and share (with bars), every region, and where the numbers come from (the snapshot's
 * number, time and SHA-256). A certified snapshot's PDF is the CEC's result protocol: it ends with lines for the
 * commission's signatures. Like every open-data file it is a pure function of its snapshot.
 */
@Component
class ResultsPdf {

    private final MessageSource messages;

    ResultsPdf(MessageSource messages) {
        this.messages = messages;
    }

    byte[] render(ResultsSnapshot snapshot, SnapshotContent c, Locale locale) {
        NumberFormat n = NumberFormat.getIntegerInstance(locale);
        DateTimeFormatter time = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT).withLocale(locale);
        String shareBase = Ui.form(messages, locale, c.contest().templateCode(), "shareBase", c.shareBaseName());
        String turnout = Ui.form(messages, locale, c.contest().templateCode(), "turnout", c.turnoutDefinition());
        boolean certified = snapshot.status() == SnapshotStatus.CERTIFIED;
        Area nation = c.nation();
        try (PdfText pdf = new PdfText(c.election().name())) {
            pdf.line(16, t(certified ? "resultPdf.certifiedHeading" : "resultPdf.heading", locale, c.election().issuer()));
            pdf.line(12, c.election().name() + " · " + c.contest().name());
            pdf.line(10, t("resultPdf.status", locale, t("results.status." + snapshot.status().name(), locale),
                    snapshot.sequence(), time.format(snapshot.generatedAt())));
            pdf.gap(6);

            pdf.heading(t("resultPdf.totals", locale));
            List<Column> pair = List.of(new Column(0, pdf.width() - 140, false), new Column(pdf.width() - 140, 140, true));
            pdf.row(10, pair, List.of(t("results.stationsReported", locale), n.format(nation.stationsReported()) + " / "
                    + n.format(nation.stationsExpected())), true);
            if (nation.stationsAnnulled() > 0) {
                pdf.row(10, pair, List.of(t("resultPdf.annulled", locale), n.format(nation.stationsAnnulled())), true);
            }
            pdf.row(10, pair, List.of(t("results.voters", locale), n.format(nation.votersOnList())), true);
            pdf.row(10, pair, List.of(t("results.issued", locale), n.format(nation.ballotsIssued())), true);
            pdf.row(10, pair, List.of(t("results.turnout", locale), percent(nation.ballotsIssued(), nation.votersOnList(), locale)), true);
            pdf.row(10, pair, List.of(t("results.validInvalid", locale), n.format(nation.valid()) + " / " + n.format(nation.invalid())), true);
            pdf.muted(8, t("resultPdf.turnoutIs", locale, turnout));
            pdf.gap(6);

            pdf.heading(t("resultPdf.candidates", locale, shareBase, n.format(nation.shareBase())));
            List<Column> votes = List.of(new Column(0, 20, true), new Column(28, pdf.width() - 28 - 260, false),
                    new Column(pdf.width() - 230, 110, false), new Column(pdf.width() - 120, 60, true),
                    new Column(pdf.width() - 55, 55, true));
            pdf.row(9, votes, List.of("№", t("results.candidate", locale), t("results.nominatedBy", locale),
                    t("results.votes", locale), t("results.share", locale)), true);
            for (CandidatePart p : c.candidates()) {
                long v = nation.votes(p.ballotOrder());
                pdf.wrappedRow(10, votes, List.of(Integer.toString(p.ballotOrder()), p.fullName(), p.nominatedBy() == null ? "" : p.nominatedBy(),
                        n.format(v), percent(v, nation.shareBase(), locale)), true);
            }
            pdf.gap(4);
            pdf.bars(160, c.candidates().stream().map(p -> new PdfText.Bar(p.fullName(), nation.votes(p.ballotOrder()),
                    percent(nation.votes(p.ballotOrder()), nation.shareBase(), locale))).toList());
            pdf.gap(6);

            pdf.heading(t("results.byRegion", locale));
            List<Column> regions = List.of(new Column(0, pdf.width() - 330, false), new Column(pdf.width() - 325, 80, true),
                    new Column(pdf.width() - 240, 55, true), new Column(pdf.width() - 175, 120, false),
                    new Column(pdf.width() - 50, 50, true));
            pdf.row(8, regions, List.of(t("results.region", locale), t("resultPdf.stations", locale), t("results.turnout", locale),
                    t("results.leader", locale), t("results.share", locale)), true);
            for (Area r : c.regions()) {
                int leader = ResultsPages.leaderOf(r.votes());
                pdf.row(8, regions, List.of(r.name(), n.format(r.stationsReported()) + " / " + n.format(r.stationsExpected()),
                        percent(r.ballotsIssued(), r.votersOnList(), locale), leader == 0 ? "" : c.candidateName(leader),
                        leader == 0 ? "" : percent(r.votes(leader), r.shareBase(), locale)), false);
            }
            if (!c.countries().isEmpty()) {
                pdf.gap(4);
                pdf.line(9, t("results.abroad", locale, c.countries().size()));
            }
            pdf.gap(8);
            pdf.muted(8, t("resultPdf.source", locale, snapshot.sequence(), snapshot.sha256(),
                    "/api/v1/public/elections/" + snapshot.electionId() + "/snapshots/" + snapshot.sequence()));
            if (certified) {
                pdf.gap(6);
                pdf.heading(t("resultPdf.signatures", locale, c.election().issuer()));
                for (String role : List.of("chair", "deputy", "secretary", "member", "member", "member")) {
                    pdf.signatureLine(10, t("resultPdf.role." + role, locale));
                }
            }
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
