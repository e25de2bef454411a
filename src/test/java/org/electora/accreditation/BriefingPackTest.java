package org.electora.accreditation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.electora.election.ElectionAdministration;
import org.electora.election.Elections;
import org.electora.election.Milestone;
import org.electora.geography.ElectoralMap;
import org.electora.geography.PollingStation;
import org.electora.platform.CurrentStaff;
import org.electora.support.Api;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.WebSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The briefing pack for a fresh election on the small demo map, with a known set of voters on its lists: the PDF's
 * text (extracted with PDFBox) and the page carry the live figures, with the labels of the language asked for.
 */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BriefingPackTest {

    @LocalServerPort int port;
    @Autowired ElectionFixture fixture;
    @Autowired ElectoralMap map;
    @Autowired Elections elections;
    @Autowired ElectionAdministration administration;
    @Autowired JdbcClient jdbc;
    @Autowired MessageSource messages;

    private ElectionFixture.Counting election;
    private Api officer;
    private final LocalDate pollingDay = AccreditationData.today().plusDays(30);

    @BeforeAll
    void electionWithVoters() {
        election = fixture.election(pollingDay);
        long electionId = election.election().id().value();
        CurrentStaff.runAsSystem(() -> administration.markMilestone(election.election().id(), "CALL", AccreditationData.today().minusDays(1)));
        List<Long> voters = jdbc.sql("SELECT id FROM voter ORDER BY id LIMIT 9").query(Long.class).list();
        assertThat(voters).hasSize(9);
        PollingStation abroadA = election.abroad().get(0);
        PollingStation abroadB = election.abroad().get(election.abroad().size() - 1);
        PollingStation home = election.domestic().getFirst();
        for (int i = 0; i < 9; i++) {
            PollingStation station = i < 3 ? abroadA : i < 5 ? abroadB : home;
            String reason = i < 3 ? "ABROAD_CONSULAR" : i < 5 ? "BUSINESS_TRIP" : "RESIDENCE";
            jdbc.sql("""
                            INSERT INTO registration (election_id, voter_id, station_id, reason, trip_from, trip_to)
                            VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(electionId, voters.get(i), station.id().value(), reason,
                            reason.equals("BUSINESS_TRIP") ? pollingDay.minusDays(5) : null,
                            reason.equals("BUSINESS_TRIP") ? pollingDay.plusDays(5) : null)
                    .update();
        }
        AccreditationData data = AccreditationData.asNewOfficer(port);
        officer = data.officer();
    }

    private String pdfText(String lang) throws Exception {
        Api.Bytes r = officer.getBytes("/api/v1/accreditation/briefing.pdf?election=" + election.election().id().value() + "&lang=" + lang);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        try (PDDocument doc = Loader.loadPDF(r.body())) {
            return new PDFTextStripper().getText(doc);
        }
    }

    private String t(String key, String lang) {
        return messages.getMessage(key, null, Locale.of(lang));
    }

    private Map<String, Long> stationsByCountry() {
        return map.stationsAbroad(election.map().id()).stream()
                .collect(Collectors.groupingBy(s -> s.abroad().hostCountry(), TreeMap::new, Collectors.counting()));
    }

    @Test
    void thePdfCarriesTheLiveFiguresOfMapRegisterCalendarAndAccreditation() throws Exception {
        JsonNode register = Api.anonymous(port).get("/open-data/accreditation/register.json").json();
        String text = pdfText("en");
        ElectoralMap.MapSummary summary = map.summary(election.map().id());
        int abroad = election.abroad().size();
        assertThat(text).contains("Polling stations in total: " + summary.stations())
                .contains("Polling stations in the country: " + election.domestic().size())
                .contains("of them in resettled areas: " + election.domestic().stream().filter(PollingStation::resettledArea).count())
                .contains("Polling stations abroad: " + abroad)
                .contains("Countries with polling stations: " + stationsByCountry().size())
                .contains("Voters on the lists: 9")
                .contains("on lists abroad: 5")
                .contains("of them living abroad: 3")
                .contains("of them on business trips: 2")
                .contains("on lists in the country: 4")
                .contains(election.election().name());
        List<Milestone> calendar = elections.calendar(election.election().id());
        long late = calendar.stream().filter(m -> m.doneOn() == null && m.due().isBefore(AccreditationData.today())).count();
        assertThat(text).contains("1 of " + calendar.size() + " milestones done, " + late + " late");
        assertThat(text).contains("Accredited observers: " + register.get("totals").get("observers").asLong())
                .contains("Accredited journalists: " + register.get("totals").get("journalists").asLong());
        // the bar chart: every host country by name, with its number of stations
        for (var e : stationsByCountry().entrySet()) {
            assertThat(text).contains(Locale.of("", e.getKey()).getDisplayCountry(Locale.ENGLISH) + " " + e.getValue());
        }
    }

    @Test
    void theAzerbaijaniAndRussianPdfsUseTheirLanguagesLabelsAndLetters() throws Exception {
        String az = pdfText("az");
        assertThat(az).contains(t("briefing.title", "az")).contains(t("briefing.stationsAbroad", "az") + ": " + election.abroad().size())
                .contains(t("briefing.businessTrips", "az") + ": 2").contains("ə").contains("ş")
                .contains(messages.getMessage("milestone.CALL", null, Locale.of("az")));
        String ru = pdfText("ru");
        assertThat(ru).contains("Справочные материалы").contains(t("briefing.stationsAbroad", "ru") + ": " + election.abroad().size())
                .contains(t("briefing.residentsAbroad", "ru") + ": 3").contains(messages.getMessage("milestone.CALL", null, Locale.of("ru")));
        String en = pdfText("en");
        assertThat(en).doesNotContain("ə").doesNotContain("Справочные");
    }

    @Test
    void anUnknownLanguageOrElectionIsRefusedWithItsRuleCode() {
        Api.Response lang = officer.get("/api/v1/accreditation/briefing.pdf?lang=de");
        assertThat(lang.status()).isEqualTo(422);
        assertThat(lang.json().get("ruleCode").asString()).isEqualTo("ACC-170");
        Api.Response none = officer.get("/api/v1/accreditation/briefing?election=987654321");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().get("ruleCode").asString()).isEqualTo("ACC-171");
    }

    @Test
    void theJsonCarriesTheSameFiguresAsThePdf() {
        JsonNode pack = officer.get("/api/v1/accreditation/briefing?election=" + election.election().id().value()).json();
        assertThat(pack.get("stations").get("abroad").asInt()).isEqualTo(election.abroad().size());
        assertThat(pack.get("voters").get("businessTrips").asLong()).isEqualTo(2);
        assertThat(pack.get("abroadByCountry")).hasSize(stationsByCountry().size());
        long votersByCountry = 0;
        for (JsonNode c : pack.get("abroadByCountry")) {
            votersByCountry += c.get("voters").asLong();
            assertThat(c.get("stations").asLong()).isEqualTo(stationsByCountry().get(c.get("country").asString()));
        }
        assertThat(votersByCountry).isEqualTo(5);
    }

    @Test
    void thePageShowsTheSameFiguresInTheReadersLanguage() {
        AccreditationData.createStaff(Api.admin(port), "briefing-page-" + election.election().id().value(), "CEC_ADMIN", "NATIONAL", null);
        WebSession web = WebSession.signIn(port, "briefing-page-" + election.election().id().value(), AccreditationData.PASSWORD);
        WebSession.Page page = web.get("/accreditation/briefing?election=" + election.election().id().value() + "&lang=az");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(t("briefing.title", "az")).contains("id=\"stations-abroad\">" + election.abroad().size() + "<")
                .contains("id=\"business-trips\">2<").contains("id=\"residents-abroad\">3<")
                .contains("lang=az\" id=\"briefing-pdf\"");
        WebSession.Page pdf = web.get("/accreditation/briefing.pdf?election=" + election.election().id().value() + "&lang=ru");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(new String(pdf.bytes(), 0, 5)).isEqualTo("%PDF-");
    }
}
