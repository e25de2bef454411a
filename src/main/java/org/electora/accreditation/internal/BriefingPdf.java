package org.electora.accreditation.internal;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.electora.geography.StationKind;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The briefing pack as an A4 PDF in the pack's language. DejaVu Sans (the badge's font, embedded as a subset)
 * covers Latin with the Azerbaijani letters (ə ğ ı ş ç ö ü İ) and Cyrillic. The chart of stations abroad by country
 * is drawn with PDF primitives (rectangles and text), so the numbers stay extractable text.
 */
@Component
class BriefingPdf {

    private static final float MARGIN = 50;
    private static final Color BAR = new Color(0x0b, 0x4f, 0x8a);
    private static final Color MUTED = new Color(0x4a, 0x55, 0x60);

    private final MessageSource messages;

    BriefingPdf(MessageSource messages) {
        this.messages = messages;
    }

    byte[] render(BriefingPack pack) {
        Locale locale = pack.locale();
        NumberFormat n = NumberFormat.getIntegerInstance(locale);
        DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
        try (PDDocument doc = new PDDocument(); InputStream fontFile = font()) {
            PDFont font = PDType0Font.load(doc, fontFile);
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(t("briefing.title", locale) + " — " + pack.electionName());
            info.setCreator("Electora");
            try (Writer w = new Writer(doc, font)) {
                w.line(18, t("briefing.title", locale));
                w.line(12, pack.electionName());
                w.line(10, t("briefing.pollingDay", locale) + ": " + dates.format(pack.pollingDay()) + " · "
                        + t("briefing.pollingHours", locale, pack.pollsOpen(), pack.pollsClose()));
                w.muted(9, t("briefing.asOf", locale, dates.format(pack.asOf())));
                w.gap(8);

                BriefingPack.Stations s = pack.stations();
                w.heading(t("briefing.stations", locale));
                w.line(10, t("briefing.stationsTotal", locale) + ": " + n.format(s.total()));
                w.line(10, t("briefing.stationsAtHome", locale) + ": " + n.format(s.atHome()));
                w.line(10, t("briefing.stationsResettled", locale) + ": " + n.format(s.resettledAreas()));
                for (StationKind kind : StationKind.values()) {
                    if (kind != StationKind.REGULAR && s.byKind().getOrDefault(kind, 0) > 0) {
                        w.line(10, t("briefing.stationKind." + kind.name(), locale) + ": " + n.format(s.byKind().get(kind)));
                    }
                }
                w.line(10, t("briefing.stationsAbroad", locale) + ": " + n.format(s.abroad()));
                w.line(10, t("briefing.countriesAbroad", locale) + ": " + n.format(s.countriesAbroad()));
                w.line(10, t("briefing.missions", locale) + ": " + n.format(s.missions()));
                w.gap(6);

                if (!pack.abroadByCountry().isEmpty()) {
                    w.heading(t("briefing.chartAbroad", locale));
                    w.chart(pack, n);
                    w.gap(6);
                }

                var v = pack.voters();
                w.heading(t("briefing.voters", locale));
                w.line(10, t("briefing.votersOnLists", locale) + ": " + n.format(v.onLists()));
                w.line(10, t("briefing.votersAtHome", locale) + ": " + n.format(v.atHome()));
                w.line(10, t("briefing.votersAbroad", locale) + ": " + n.format(v.abroad()));
                w.line(10, t("briefing.residentsAbroad", locale) + ": " + n.format(v.residentsAbroad()));
                w.line(10, t("briefing.businessTrips", locale) + ": " + n.format(v.businessTrips()));
                w.line(10, t("briefing.transfers", locale) + ": " + n.format(v.transfers()));
                w.gap(6);

                var c = pack.calendar();
                w.heading(t("briefing.calendar", locale));
                w.line(10, t("briefing.calendarProgress", locale, n.format(c.done()), n.format(c.total()), n.format(c.late()),
                        n.format(c.percentDone())));
                for (BriefingPack.MilestoneRow m : pack.milestones()) {
                    w.line(9, dates.format(m.due()) + " — " + m.title() + " — " + t("briefing.progress." + m.progress().name(), locale));
                }
                w.gap(6);

                w.heading(t("briefing.accreditation", locale));
                var h = pack.headline();
                w.line(10, t("accStats.headline", locale, n.format(h.internationalObservers()), n.format(h.organisations()),
                        n.format(h.countries())));
                w.line(10, t("accStats.media", locale, n.format(h.foreignJournalists()), n.format(h.foreignOutlets())));
                w.line(10, t("briefing.accreditedObservers", locale) + ": " + n.format(pack.accredited().observers()));
                w.line(10, t("briefing.accreditedJournalists", locale) + ": " + n.format(pack.accredited().journalists()));
                w.line(10, t("briefing.accreditedTechnical", locale) + ": " + n.format(pack.accredited().technicalStaff()));
                w.line(10, t("briefing.applications", locale) + ": " + n.format(pack.applications()));
                w.gap(10);
                w.muted(8, t("briefing.source", locale));
            }
            var bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String t(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    /** Lays text out top to bottom, wrapping long lines and starting a new page when one is full. */
    private static final class Writer implements AutoCloseable {
        private final PDDocument doc;
        private final PDFont font;
        private PDPageContentStream out;
        private float y;
        private float width;

        Writer(PDDocument doc, PDFont font) throws IOException {
            this.doc = doc;
            this.font = font;
            newPage();
        }

        private void newPage() throws IOException {
            if (out != null) {
                out.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            out = new PDPageContentStream(doc, page);
            width = page.getMediaBox().getWidth() - 2 * MARGIN;
            y = page.getMediaBox().getHeight() - MARGIN;
        }

        private void room(float height) throws IOException {
            if (y - height < MARGIN) {
                newPage();
            }
        }

        void gap(float points) {
            y -= points;
        }

        void heading(String text) throws IOException {
            room(40);
            gap(4);
            line(13, text);
        }

        void line(float size, String text) throws IOException {
            for (String part : wrap(text, size)) {
                room(size * 1.4f);
                y -= size * 1.4f;
                show(size, MARGIN, y, part, Color.BLACK);
            }
        }

        void muted(float size, String text) throws IOException {
            for (String part : wrap(text, size)) {
                room(size * 1.4f);
                y -= size * 1.4f;
                show(size, MARGIN, y, part, MUTED);
            }
        }

        /** One horizontal bar per country, longest scaled to the space left of the labels. */
        void chart(BriefingPack pack, NumberFormat n) throws IOException {
            float labelWidth = 150;
            float barSpace = width - labelWidth - 40;
            int max = Math.max(1, pack.maxStationsAbroad());
            for (BriefingPack.CountryStations c : pack.abroadByCountry()) {
                room(16);
                y -= 14;
                String label = pack.country(c.country());
                while (label.length() > 3 && font.getStringWidth(label) / 1000 * 9 > labelWidth - 6) {
                    label = label.substring(0, label.length() - 2) + "…";
                }
                show(9, MARGIN, y + 1, label, Color.BLACK);
                float w = barSpace * c.stations() / max;
                out.setNonStrokingColor(BAR);
                out.addRect(MARGIN + labelWidth, y, w, 10);
                out.fill();
                show(9, MARGIN + labelWidth + w + 4, y + 1, n.format(c.stations()), Color.BLACK);
            }
        }

        private void show(float size, float x, float at, String text, Color colour) throws IOException {
            out.beginText();
            out.setNonStrokingColor(colour);
            out.setFont(font, size);
            out.newLineAtOffset(x, at);
            out.showText(text);
            out.endText();
        }

        private List<String> wrap(String text, float size) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String word : text.split(" ")) {
                String candidate = current.isEmpty() ? word : current + " " + word;
                if (!current.isEmpty() && font.getStringWidth(candidate) / 1000 * size > width) {
                    lines.add(current.toString());
                    current = new StringBuilder(word);
                } else {
                    current = new StringBuilder(candidate);
                }
            }
            lines.add(current.toString());
            return lines;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private static InputStream font() {
        InputStream in = BriefingPdf.class.getResourceAsStream("/fonts/DejaVuSans.ttf");
        if (in == null) {
            throw new IllegalStateException("fonts/DejaVuSans.ttf missing from the classpath");
        }
        return in;
    }
}
