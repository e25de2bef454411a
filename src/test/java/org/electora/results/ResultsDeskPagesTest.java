package org.electora.results;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.electora.demo.DemoShape;
import org.electora.demo.internal.DemoMapGenerator;
import org.electora.election.ElectionAction;
import org.electora.geography.Constituency;
import org.electora.geography.ElectoralMap;
import org.electora.geography.MapVersion;
import org.electora.geography.MapVersionId;
import org.electora.geography.PollingStation;
import org.electora.platform.CurrentStaff;
import org.electora.results.ConstituencyProtocol;
import org.electora.results.ConstituencyProtocols;
import org.electora.results.Tally;
import org.electora.support.Api;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.PdfTexts;
import org.electora.support.ProtocolBuilder;
import org.electora.support.WebSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.electora.support.ProtocolBuilder.aProtocol;

/**
 * The results desk's decision forms over real HTTP with a signed-in session: an annulment and an acceptance are
 * recorded decisions that change the totals; a form without its reference, with a stale version, a step the lifecycle
 * does not allow or an unknown decision is refused with its rule code on the page and changes nothing, and so is a
 * form without its version or with one that is not a number (400); a commission
 * outside its constituency and roles without a desk get a 403 page.
 */
@ElectoraIntegrationTest
class ResultsDeskPagesTest {

    private static final String PASSWORD = "desk pages password 1";

    @LocalServerPort int port;
    @Autowired ElectionFixture fixture;
    @Autowired ElectoralMap map;
    @Autowired Protocols protocols;
    @Autowired Tallies tallies;
    @Autowired JdbcTemplate jdbc;
    @Autowired ConstituencyProtocols constituencyProtocols;
    @Autowired MessageSource messages;

    private record Night(long election, long contest, PollingStation accepted, PollingStation verified,
                         PollingStation other, WebSession commission, WebSession elsewhere, WebSession auditor) {
    }

    /** A counting election: one accepted protocol, one double-entered (verified), and three signed-in sessions. */
    private Night night() {
        ElectionFixture.Counting e = fixture.counting();
        long contest = e.contest().id().value();
        List<PollingStation> stations = map.stations(e.domestic().getFirst().constituencyId());
        PollingStation accepted = stations.get(0);
        PollingStation verified = stations.get(1);
        submit(contest, accepted, ProtocolSource.ELECTRONIC, aProtocol());
        submit(contest, verified, ProtocolSource.DOUBLE_ENTRY, aProtocol().withVotes(400, 200, 100));
        PollingStation other = e.domestic().stream()
                .filter(s -> !s.constituencyId().equals(accepted.constituencyId())).findFirst().orElseThrow();
        String run = UUID.randomUUID().toString().substring(0, 6);
        Api admin = Api.admin(port);
        admin.createStaff("dp-k-" + run, "CONSTITUENCY_OPERATOR", "CONSTITUENCY", accepted.constituencyId().value(), PASSWORD);
        admin.createStaff("dp-x-" + run, "CONSTITUENCY_OPERATOR", "CONSTITUENCY", other.constituencyId().value(), PASSWORD);
        admin.createStaff("dp-a-" + run, "AUDITOR", "NATIONAL", null, PASSWORD);
        return new Night(e.election().id().value(), contest, accepted, verified, other, WebSession.signIn(port, "dp-k-" + run, PASSWORD),
                WebSession.signIn(port, "dp-x-" + run, PASSWORD), WebSession.signIn(port, "dp-a-" + run, PASSWORD));
    }

    private void submit(long contest, PollingStation station, ProtocolSource source, ProtocolBuilder p) {
        CurrentStaff.runAsSystem(() -> protocols.submit(new ProtocolSubmission(UUID.randomUUID(), contest,
                station.id().value(), p.lines(), p.votesByBallotOrder(), null, null), source));
    }

    private static String page(long contest, PollingStation station) {
        return "/desk/" + contest + "/stations/" + station.id().value();
    }

    /** Posts a decision as the session and returns the page the redirect leads to, with its notice. */
    private static String decide(WebSession session, long contest, PollingStation station, Map<String, String> form) {
        String csrf = WebSession.csrf(session.get("/desk").body());
        WebSession.Page posted = session.post(page(contest, station) + "/decision", csrf, form);
        assertThat(posted.status()).as(posted.body()).isEqualTo(302);
        assertThat(posted.location()).endsWith(page(contest, station));
        WebSession.Page shown = session.get(page(contest, station));
        assertThat(shown.status()).isEqualTo(200);
        return shown.body();
    }

    private ProtocolStatus status(long contest, PollingStation station) {
        return ProtocolStatus.valueOf(jdbc.queryForObject("SELECT status FROM protocol WHERE contest_id = ? AND station_id = ?",
                String.class, contest, station.id().value()));
    }

    @Test
    void theMenuOffersProtocolEntryOnlyToThoseWhoKeyProtocols() {
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        var admin = org.electora.support.Api.admin(port);
        admin.createStaff("menu-aud-" + run, "AUDITOR", "NATIONAL", null, PASSWORD);
        admin.createStaff("menu-acc-" + run, "ACCREDITATION_OFFICER", "NATIONAL", null, PASSWORD);
        admin.createStaff("menu-pec-" + run, "PRECINCT_OPERATOR", "STATION", firstStationId(), PASSWORD);
        for (String refused : java.util.List.of("menu-aud-", "menu-acc-")) {
            assertThat(WebSession.signIn(port, refused + run, PASSWORD).get("/").body()).as(refused).doesNotContain("id=\"nav-entry\"");
        }
        assertThat(WebSession.signIn(port, "menu-pec-" + run, PASSWORD).get("/").body()).contains("id=\"nav-entry\"");
    }

    private long firstStationId() {
        return fixture.counting().domestic().getFirst().id().value();
    }

    @Test
    void whileTheElectionIsPollingTheSummaryProtocolIsNotOfferedForSignature() {
        var polling = fixture.election(java.time.LocalDate.now().plusDays(1),
                org.electora.election.ElectionAction.START_CAMPAIGN, org.electora.election.ElectionAction.OPEN_POLLS);
        WebSession cec = WebSession.signIn(port, "admin", org.electora.support.Api.ADMIN_PASSWORD);
        String page = cec.get("/desk/" + polling.contest().id().value() + "/"
                + polling.domestic().getFirst().constituencyId().value()).body();
        assertThat(page).contains("signed once the election is counting")
                .containsPattern("<button type=\"submit\" id=\"sign\" disabled");
    }

    @Test
    void anElectionThePagesDoNotOfferIsA404NotAnEmptyDesk() {
        WebSession cec = WebSession.signIn(port, "admin", org.electora.support.Api.ADMIN_PASSWORD);
        for (String path : java.util.List.of("/desk?election=99999999", "/entry?election=99999999",
                "/certification?election=99999999")) {
            var page = cec.get(path);
            assertThat(page.status()).as(path).isEqualTo(404);
            assertThat(page.body()).as(path).contains("GEN-404", "No election 99999999 here");
        }
    }

    @Test
    void decisionsOnTheDeskAreRecordedAndABadFormChangesNothing() {
        Night n = night();
        Tally before = tallies.national(n.contest());

        String noReference = decide(n.commission(), n.contest(), n.accepted(),
                Map.of("action", "annul", "version", "1", "reason", "Ballot box seal broken"));
        assertThat(noReference).contains("id=\"desk-notice\"", "RES-009", "reference");
        assertThat(status(n.contest(), n.accepted())).isEqualTo(ProtocolStatus.ACCEPTED);
        assertThat(tallies.national(n.contest())).isEqualTo(before);

        String annulled = decide(n.commission(), n.contest(), n.accepted(), Map.of("action", "annul", "version", "1",
                "reason", "Ballot box seal broken", "decisionReference", "ConEC 7/3"));
        assertThat(annulled).contains("annulled and leaves every total", "ConEC 7/3");
        // Versions and decisions in the capital's time (the demo's Asia/Baku), as every other time on the pages.
        assertThat(annulled).contains(" UTC+04:00").doesNotContain("UTC+00:00");
        assertThat(status(n.contest(), n.accepted())).isEqualTo(ProtocolStatus.ANNULLED);
        assertThat(tallies.national(n.contest()).stationsCounted()).isEqualTo(before.stationsCounted() - 1);
        assertThat(tallies.national(n.contest()).valid()).isEqualTo(before.valid() - aProtocol().valid());
        assertThat(annulled).doesNotContain("id=\"annul-form\"");

        String again = decide(n.commission(), n.contest(), n.accepted(), Map.of("action", "annul", "version", "1",
                "reason", "Twice", "decisionReference", "ConEC 7/4"));
        assertThat(again).contains("RES-010");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM protocol_decision d JOIN protocol p ON p.id = d.protocol_id"
                + " WHERE p.contest_id = ? AND p.station_id = ? AND d.action = 'ANNUL'", Long.class, n.contest(),
                n.accepted().id().value())).isOne();

        String stale = decide(n.commission(), n.contest(), n.verified(), Map.of("action", "accept", "version", "7"));
        assertThat(stale).contains("RES-012");
        assertThat(status(n.contest(), n.verified())).isEqualTo(ProtocolStatus.VERIFIED);
        String unknown = decide(n.commission(), n.contest(), n.verified(), Map.of("action", "approve", "version", "1"));
        assertThat(unknown).contains("GEN-422", "approve");
        assertThat(status(n.contest(), n.verified())).isEqualTo(ProtocolStatus.VERIFIED);

        String csrf = WebSession.csrf(n.commission().get("/desk").body());
        for (Map<String, String> form : List.of(Map.of("action", "accept", "version", "one"), Map.of("action", "accept"))) {
            WebSession.Page bad = n.commission().post(page(n.contest(), n.verified()) + "/decision", csrf, form);
            assertThat(bad.status()).as(form.toString()).isEqualTo(400);
            assertThat(bad.body()).as(form.toString()).contains("id=\"refused\"", "GEN-400", "version");
        }
        assertThat(status(n.contest(), n.verified())).isEqualTo(ProtocolStatus.VERIFIED);

        String accepted = decide(n.commission(), n.contest(), n.verified(), Map.of("action", "accept", "version", "1"));
        assertThat(accepted).contains("accepted and counted");
        assertThat(status(n.contest(), n.verified())).isEqualTo(ProtocolStatus.ACCEPTED);
        assertThat(tallies.national(n.contest()).stationsCounted()).isEqualTo(before.stationsCounted());
    }

    /**
     * A refusal speaks the reader's language: on a Russian or Azerbaijani page the rule code's text in that language,
     * with the server's reason beside it in English (marked so); on an English page the server's reason alone. The
     * refusal pages (403) do the same.
     */
    @Test
    void aRefusalIsExplainedInTheReadersLanguageWithTheServersReasonBesideIt() {
        Night n = night();
        String reason = "An annulment needs the reference of the commission";
        for (String language : List.of("ru", "az")) {
            assertThat(n.commission().get("/desk?lang=" + language).status()).isEqualTo(200);
            String text = messages.getMessage("rule.RES-009", null, Locale.forLanguageTag(language));
            assertThat(text).isNotEqualTo(messages.getMessage("rule.RES-009", null, Locale.ENGLISH));
            String page = decide(n.commission(), n.contest(), n.accepted(),
                    Map.of("action", "annul", "version", "1", "reason", "Ballot box seal broken"));
            assertThat(page).as(language).contains("<strong>RES-009</strong> " + text + " <span class=\"muted\" lang=\"en\">(" + reason);
            assertThat(n.elsewhere().get("/desk?lang=" + language).status()).isEqualTo(200);
            WebSession.Page refused = n.elsewhere().get(page(n.contest(), n.accepted()));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body()).as(language).contains("<strong>AUTH-002</strong> "
                    + messages.getMessage("rule.AUTH-002", null, Locale.forLanguageTag(language)) + " <span class=\"muted\" lang=\"en\">(");
        }
        assertThat(n.commission().get("/desk?lang=en").status()).isEqualTo(200);
        String english = decide(n.commission(), n.contest(), n.accepted(),
                Map.of("action", "annul", "version", "1", "reason", "Ballot box seal broken"));
        assertThat(english).contains("<strong>RES-009</strong> " + reason).doesNotContain("lang=\"en\">(");
        assertThat(status(n.contest(), n.accepted())).isEqualTo(ProtocolStatus.ACCEPTED);
    }

    @Test
    void theSignedSummaryProtocolPrintsAsAPdfForItsCommissionOnly() throws Exception {
        ElectionFixture.Counting e = fixture.counting();
        long contest = e.contest().id().value();
        Constituency k = map.constituencies(e.map().id()).getFirst();
        List<PollingStation> stations = map.stations(k.id());
        for (int i = 0; i < stations.size(); i++) {
            submit(contest, stations.get(i), ProtocolSource.ELECTRONIC, aProtocol().withVotes(300 + i, 200, 100));
        }
        String run = UUID.randomUUID().toString().substring(0, 6);
        Api admin = Api.admin(port);
        admin.createStaff("pdf-k-" + run, "CONSTITUENCY_OPERATOR", "CONSTITUENCY", k.id().value(), PASSWORD);
        PollingStation elsewhere = e.domestic().stream().filter(s -> !s.constituencyId().equals(k.id())).findFirst().orElseThrow();
        admin.createStaff("pdf-x-" + run, "CONSTITUENCY_OPERATOR", "CONSTITUENCY", elsewhere.constituencyId().value(), PASSWORD);
        admin.createStaff("pdf-a-" + run, "AUDITOR", "NATIONAL", null, PASSWORD);
        WebSession commission = WebSession.signIn(port, "pdf-k-" + run, PASSWORD);
        String path = "/desk/" + contest + "/" + k.id().value() + "/summary-protocol.pdf";

        WebSession.Page unsigned = commission.get(path);
        assertThat(unsigned.status()).isEqualTo(404);
        assertThat(unsigned.body()).contains("has not signed");

        ConstituencyProtocol signed = CurrentStaff.runAsSystem(() -> constituencyProtocols.sign(contest, k.id().value()));
        assertThat(commission.get("/desk/" + contest + "/" + k.id().value()).body()).contains("id=\"summary-pdf\"", path);
        WebSession.Page pdf = commission.get(path + "?lang=ru");
        assertThat(pdf.status()).isEqualTo(200);
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/screenshots"));
        java.nio.file.Files.write(java.nio.file.Path.of("target/screenshots/summary-protocol-ru.pdf"), pdf.bytes());
        // Russian figures group thousands with a (no-break) space: read every space as a plain one.
        String words = PdfTexts.of(pdf.bytes()).replaceAll("[\\s\u00a0\u202f]+", " ");
        assertThat(words).contains("Протокол окружной избирательной комиссии", k.name(), signed.sha256(), "Председатель",
                "Секретарь", "Aliyeva Test", "доли от числа действительных бюллетеней");
        // Each figure after its label, summed from the protocols submitted above: votes 300 + i, 200, 100; 20
        // invalid; 1,500 voters on the list at each station.
        int n = stations.size();
        long first = 0;
        for (int i = 0; i < n; i++) {
            first += 300 + i;
        }
        long valid = first + 300L * n;
        long invalid = 20L * n;
        assertThat(words).contains("Учтено участков " + n + " / " + n,
                "Избирателей в списках " + ru(1500L * n),
                "Выдано бюллетеней " + ru(valid + invalid),
                "Явка (выданные бюллетени ÷ избиратели в списках) " + ruPercent(valid + invalid, 1500L * n),
                "Действительных бюллетеней " + ru(valid),
                "Недействительных бюллетеней " + ru(invalid),
                "1 Aliyeva Test " + ru(first) + " " + ruPercent(first, valid),
                "2 Babayev Test " + ru(200L * n) + " " + ruPercent(200L * n, valid),
                "3 Qasimov Test " + ru(100L * n) + " " + ruPercent(100L * n, valid));
        assertThat(signed.totals().valid()).isEqualTo(valid);
        assertThat(stations).isNotEmpty();
        stations.forEach(s -> assertThat(words).contains(s.code()));

        assertThat(commission.get("/desk/" + contest + "/stations/" + stations.getFirst().id().value() + "?lang=az").body())
                .contains("Etibarlı bülletenlərin sayı").doesNotContain("Valid ballots");

        assertThat(WebSession.signIn(port, "pdf-x-" + run, PASSWORD).get(path).status()).isEqualTo(403);
        assertThat(WebSession.signIn(port, "pdf-a-" + run, PASSWORD).get(path).status()).isEqualTo(403);
        assertThat(WebSession.anonymous(port).get(path).status()).isEqualTo(302);

        // A CEC decision withdraws round 1; after a recount at the first station the commission signs round 2. Round
        // 1 still prints, as withdrawn, with the decision and its own totals, and without the stations (the
        // withdrawal opened their protocols again).
        CurrentStaff.runAsSystem(() -> constituencyProtocols.withdraw(contest, k.id().value(), "Recount ordered", "CEC 9/14"));
        PollingStation recounted = stations.getFirst();
        CurrentStaff.runAsSystem(() -> protocols.submit(new ProtocolSubmission(UUID.randomUUID(), contest,
                recounted.id().value(), aProtocol().withVotes(290, 210, 100).lines(),
                aProtocol().withVotes(290, 210, 100).votesByBallotOrder(), 1, "Recount"), ProtocolSource.ELECTRONIC));
        ConstituencyProtocol second = CurrentStaff.runAsSystem(() -> constituencyProtocols.sign(contest, k.id().value()));
        assertThat(second.round()).isEqualTo(2);
        String desk = commission.get("/desk/" + contest + "/" + k.id().value() + "?lang=en").body();
        assertThat(desk).contains("id=\"round-pdf-1\"", "id=\"round-pdf-2\"", path + "?round=1&amp;lang=en");
        String withdrawn = PdfTexts.of(commission.get(path + "?round=1&lang=en").bytes()).replaceAll("\\s+", " ");
        assertThat(withdrawn).contains("round 1", "WITHDRAWN by", "by decision CEC 9/14: Recount ordered", signed.sha256(),
                "1 Aliyeva Test " + String.format(Locale.ENGLISH, "%,d", first), "This round no longer stands")
                .doesNotContain(stations.getLast().code());
        String live = PdfTexts.of(commission.get(path + "?lang=en").bytes()).replaceAll("\\s+", " ");
        assertThat(live).contains("round 2", second.sha256(), "1 Aliyeva Test " + String.format(Locale.ENGLISH, "%,d", first - 300 + 290),
                stations.getLast().code()).doesNotContain("WITHDRAWN");
        assertThat(PdfTexts.of(commission.get(path + "?round=2&lang=en").bytes())).doesNotContain("WITHDRAWN");
        WebSession.Page never = commission.get(path + "?round=3");
        assertThat(never.status()).isEqualTo(404);
        assertThat(never.body()).contains("has signed no round 3");
        assertThat(WebSession.signIn(port, "pdf-x-" + run, PASSWORD).get(path + "?round=1").status()).isEqualTo(403);
    }

    @Test
    void theCopyToPostAtTheDoorCarriesTheVersionAndAQrCodeOfTheStationsPublicPage() throws Exception {
        Night n = night();
        String path = "/entry/" + n.contest() + "/" + n.accepted().id().value() + "/posted-copy.pdf";
        assertThat(n.commission().get("/entry/" + n.contest() + "/" + n.accepted().id().value()).body())
                .contains("id=\"posted-copy\"", path);
        assertThat(n.commission().get(page(n.contest(), n.accepted())).body()).contains("id=\"posted-copy\"", path);
        WebSession.Page pdf = n.commission().get(path + "?lang=en");
        assertThat(pdf.status()).isEqualTo(200);
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/screenshots"));
        java.nio.file.Files.write(java.nio.file.Path.of("target/screenshots/posted-copy-en.pdf"), pdf.bytes());
        ProtocolVersion version = protocols.versions(protocols.protocol(n.contest(), n.accepted().id().value()).orElseThrow().id()).getLast();
        String words = PdfTexts.of(pdf.bytes());
        String publicPage = "http://127.0.0.1:" + port + "/results/elections/" + n.election() + "/stations/" + n.accepted().code();
        assertThat(words).contains("copy for posting", n.accepted().code(), "10 Valid ballots", "Version 1 (accepted)",
                "Every control relation of the form holds", version.contentSha256(), publicPage, "Chair", "Posted at");
        // The numbers of the protocol submitted in night(): aProtocol()'s 500, 300 and 150 votes, 20 invalid.
        assertThat(words).contains("10 Valid ballots 950", "9 Invalid ballots 20", "C1 Aliyeva Test 500",
                "C2 Babayev Test 300", "C3 Qasimov Test 150");
        assertThat(version.lines().get(10)).isEqualTo(950L);
        // The QR code, read back from the printed page, leads to the station's public page (QrCodes tries several
        // resolutions and binarizers, as a phone's camera keeps trying frames: one rendering alone misses now and then).
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.bytes())) {
            assertThat(org.electora.support.QrCodes.read(doc, 0)).isEqualTo(publicPage);
        }

        // In Russian the lines' long names are wrapped, not cut with "…".
        String russian = PdfTexts.of(n.commission().get(path + "?lang=ru").bytes()).replaceAll("\\s+", " ");
        assertThat(russian).contains("4 Число бюллетеней, выданных в помещении для голосования", "Число избирателей в списке, включая дополнительные списки")
                .doesNotContain("…");

        // A protocol that breaks a relation says so on the door too (and is in quarantine, not counted).
        PollingStation broken = map.stations(n.accepted().constituencyId()).get(3);
        submit(n.contest(), broken, ProtocolSource.ELECTRONIC, aProtocol().withLine(8, 999));
        String brokenCopy = PdfTexts.of(n.commission().get("/entry/" + n.contest() + "/" + broken.id().value()
                + "/posted-copy.pdf?lang=en").bytes());
        assertThat(brokenCopy).contains("(quarantined)", "Relation CIS-02 does not hold: L7 + L8 = L9 + L10")
                .doesNotContain("Every control relation");

        PollingStation none = map.stations(n.accepted().constituencyId()).get(2);
        WebSession.Page missing = n.commission().get("/entry/" + n.contest() + "/" + none.id().value() + "/posted-copy.pdf");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("No protocol of station " + none.code());
        assertThat(n.elsewhere().get(path).status()).isEqualTo(403);
        assertThat(n.auditor().get(path).status()).isEqualTo(403);
    }

    /**
     * The commission compares a version's numbers with its scan before anything is published: the desk's versions
     * table links each scanned version's scan, served to the entry page's readers in their scope only.
     */
    @Test
    void theDeskOpensTheScanOfEachVersionThatHasOne() {
        Night n = night();
        long contest = n.contest();
        ProtocolId id = protocols.protocol(contest, n.accepted().id().value()).orElseThrow().id();
        CurrentStaff.runAsSystem(() -> protocols.attachScan(id, 1, "image/png", ResultsAuthorizationMatrixTest.PNG));
        CurrentStaff.runAsSystem(() -> protocols.submit(new ProtocolSubmission(UUID.randomUUID(), contest,
                n.accepted().id().value(), aProtocol().withVotes(499, 301, 150).lines(),
                aProtocol().withVotes(499, 301, 150).votesByBallotOrder(), 1, "Recount of one ballot"), ProtocolSource.ELECTRONIC));
        String scans = "/entry/" + contest + "/" + n.accepted().id().value() + "/versions/";

        String desk = n.commission().get(page(contest, n.accepted())).body();
        assertThat(desk).contains("id=\"scan-1\"", "href=\"" + scans + "1/scan\"").doesNotContain("id=\"scan-2\"");
        // The amendment's lines beside version 1's: the two candidates whose votes changed are marked, no other line.
        assertThat(desk).contains(">Version 1</th>");
        Matcher changed = Pattern.compile("<tr class=\"changed\"><th scope=\"row\" class=\"num\">([^<]+)</th>").matcher(desk);
        List<String> marked = new java.util.ArrayList<>();
        while (changed.find()) {
            marked.add(changed.group(1));
        }
        assertThat(marked).containsExactly("C1", "C2");
        assertThat(n.commission().get(page(contest, n.verified())).body()).doesNotContain(">Version 1</th>", "class=\"changed\"");
        WebSession.Page scan = n.commission().get(scans + "1/scan");
        assertThat(scan.status()).isEqualTo(200);
        assertThat(scan.bytes()).isEqualTo(ResultsAuthorizationMatrixTest.PNG);
        // Version 2 has no scan yet, version 9 does not exist: 404 pages, not a 500.
        WebSession.Page unscanned = n.commission().get(scans + "2/scan");
        assertThat(unscanned.status()).isEqualTo(404);
        assertThat(unscanned.body()).contains("id=\"refused\"", "has no scan");
        assertThat(n.commission().get(scans + "9/scan").status()).isEqualTo(404);
        assertThat(n.commission().get("/entry/" + contest + "/" + n.accepted().id().value()).body())
                .contains("id=\"scan-sha256\"").doesNotContain("id=\"open-scan\"");
        // Another constituency's commission, and a role that keys nothing, are refused.
        assertThat(n.elsewhere().get(scans + "1/scan").status()).isEqualTo(403);
        assertThat(n.auditor().get(scans + "1/scan").status()).isEqualTo(403);
    }

    @Test
    void aCommissionDecidesOnlyInItsConstituencyAndOtherRolesHaveNoDesk() {
        Night n = night();
        String csrf = WebSession.csrf(n.elsewhere().get("/desk").body());
        WebSession.Page refused = n.elsewhere().post(page(n.contest(), n.accepted()) + "/decision", csrf,
                Map.of("action", "annul", "version", "1", "reason", "Not mine", "decisionReference", "ConEC 9/9"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("id=\"refused\"", "AUTH-002", "scope");
        assertThat(status(n.contest(), n.accepted())).isEqualTo(ProtocolStatus.ACCEPTED);
        assertThat(n.elsewhere().get(page(n.contest(), n.accepted())).status()).isEqualTo(403);
        assertThat(n.elsewhere().get("/desk/" + n.contest() + "/" + n.accepted().constituencyId().value()).status())
                .isEqualTo(403);

        for (String path : List.of("/desk", page(n.contest(), n.accepted()), "/certification")) {
            WebSession.Page auditor = n.auditor().get(path);
            assertThat(auditor.status()).as(path).isEqualTo(403);
            assertThat(auditor.body()).as(path).contains("id=\"refused\"");
        }
        WebSession.Page anonymous = WebSession.anonymous(port).get("/desk");
        assertThat(anonymous.status()).isEqualTo(302);
        assertThat(anonymous.location()).endsWith("/login");
        assertThat(n.commission().get("/certification").status()).isEqualTo(403);
    }

    @Test
    void theCecFiltersTheOverviewAndItsTotalsCountEveryConstituency() {
        Night n = night();
        WebSession cec = cec("dp-c-");
        String waiting = "id=\"row-" + map.constituency(n.verified().constituencyId()).orElseThrow().code() + "\"";
        String quiet = "id=\"row-" + map.constituency(n.other().constituencyId()).orElseThrow().code() + "\"";
        int constituencies = map.constituencies(n.other().mapVersionId()).size();

        WebSession.Page all = cec.get("/desk?election=" + n.election());
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body()).contains(waiting, quiet, "All " + constituencies + " constituencies",
                "all constituencies (" + constituencies + ")", "needing a decision or a signature (1)",
                "1 accepted, 0 annulled, 0 quarantined, 1 waiting");
        // The missions by host country: every station abroad of the map, none in yet, all closed two days ago.
        List<PollingStation> abroad = map.stationsAbroad(n.other().mapVersionId());
        assertThat(abroad).isNotEmpty();
        assertThat(all.body()).contains("id=\"missions-" + n.contest() + "\"", "Japan");
        for (String country : abroad.stream().map(st -> st.abroad().hostCountry()).distinct().toList()) {
            long there = abroad.stream().filter(st -> st.abroad().hostCountry().equals(country)).count();
            assertThat(all.body()).contains("<tr id=\"mission-" + country + "\" class=\"mismatch\">")
                    .containsPattern("id=\"mission-" + country + "\"[^>]*><th scope=\"row\">[^<]+</th>\\s*<td class=\"num\">"
                            + there + "</td><td class=\"num\">0</td><td class=\"num\">0</td>\\s*<td class=\"num\">0</td><td class=\"num\">"
                            + there + "</td>");
        }

        WebSession.Page attention = cec.get("/desk?election=" + n.election() + "&show=ATTENTION");
        assertThat(attention.status()).isEqualTo(200);
        assertThat(attention.body()).contains(waiting, "All " + constituencies + " constituencies",
                "1 accepted, 0 annulled, 0 quarantined, 1 waiting").doesNotContain(quiet);
        assertThat(attention.body()).contains("hx-get=\"/desk?election=" + n.election() + "&show=ATTENTION&page=1\"");

        for (String query : List.of("&show=everything", "&page=two")) {
            WebSession.Page bad = cec.get("/desk?election=" + n.election() + query);
            assertThat(bad.status()).as(query).isEqualTo(400);
            assertThat(bad.body()).as(query).contains("id=\"refused\"", "GEN-400", query.substring(1, query.indexOf('=')));
        }
    }

    @Test
    void theOverviewOfALargeElectionIsReadFiftyConstituenciesAPage() {
        var imported = Api.admin(port).postRaw("/api/v1/maps?country=XR&name=Desk%20paging", "text/csv",
                DemoMapGenerator.mapCsv(DemoShape.FULL));
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        MapVersion version = map.version(new MapVersionId(imported.json().get("version").asLong())).orElseThrow();
        ElectionFixture.Counting e = fixture.counting(version);
        List<Constituency> constituencies = map.constituencies(version.id());
        assertThat(constituencies).hasSize(125);
        Constituency waiting = constituencies.get(79);
        submit(e.contest().id().value(), map.stations(waiting.id()).getFirst(), ProtocolSource.DOUBLE_ENTRY, aProtocol());
        WebSession cec = cec("dp-l-");
        String desk = "/desk?election=" + e.election().id().value();
        long contest = e.contest().id().value();

        String first = cec.get(desk).body();
        assertThat(first).contains("Page 1 of 3: constituencies 1–50 of 125", "id=\"next-" + contest + "\"",
                "All 125 constituencies", "id=\"row-" + constituencies.get(49).code() + "\"")
                .doesNotContain("id=\"previous-" + contest + "\"", "id=\"row-" + constituencies.get(50).code() + "\"");
        assertThat(rows(first)).isEqualTo(50);

        String last = cec.get(desk + "&show=ALL&page=3").body();
        assertThat(last).contains("Page 3 of 3: constituencies 101–125 of 125", "id=\"previous-" + contest + "\"",
                "All 125 constituencies", "hx-get=\"" + desk + "&show=ALL&page=3\"")
                .doesNotContain("id=\"next-" + contest + "\"");
        assertThat(rows(last)).isEqualTo(25);
        assertThat(cec.get(desk + "&page=99").body()).contains("Page 3 of 3");

        String attention = cec.get(desk + "&show=ATTENTION&page=2").body();
        assertThat(attention).contains("id=\"row-" + waiting.code() + "\"", "All 125 constituencies",
                "needing a decision or a signature (1)").doesNotContain("id=\"pager-" + contest + "\"");
        assertThat(rows(attention)).isOne();
    }

    /** A signed-in session of a new CEC administrator. */
    private WebSession cec(String prefix) {
        String username = prefix + UUID.randomUUID().toString().substring(0, 6);
        Api.admin(port).createStaff(username, "CEC_ADMIN", "NATIONAL", null, PASSWORD);
        return WebSession.signIn(port, username, PASSWORD);
    }

    private static int rows(String page) {
        return page.split("<tr id=\"row-", -1).length - 1;
    }

    @Test
    void stationsStillPollingAreToldFromThoseWhoseProtocolIsOverdue() {
        Night n = night();
        WebSession cec = cec("dp-o-");
        Constituency other = map.constituency(n.other().constituencyId()).orElseThrow();
        int stations = map.stations(n.other().mapVersionId()).size();

        // Polls closed two days ago: every station without a protocol is overdue, none is polling.
        String counting = cec.get("/desk?election=" + n.election() + "&show=OVERDUE").body();
        assertThat(counting).contains("id=\"row-" + other.code() + "\"",
                "1 accepted, 0 annulled, 0 quarantined, 1 waiting, " + (stations - 2) + " without a protocol after the polls closed, 0 still polling");
        String everything = cec.get("/desk?election=" + n.election()).body();
        assertThat(everything).contains("Stations overdue (" + (stations - 2) + ")", "id=\"overdue-" + n.other().code() + "\"")
                .doesNotContain("id=\"overdue-" + n.accepted().code() + "\"", "id=\"overdue-" + n.verified().code() + "\"");
        assertThat(everything.split("<tr id=\"overdue-", -1).length - 1).isEqualTo(stations - 2);
        String data = everything.substring(everything.indexOf("id=\"timeline-data-" + n.contest() + "\">"));
        JsonNode timeline = JsonMapper.builder().build().readTree(data.substring(data.indexOf('>') + 1, data.indexOf("</script>")));
        assertThat(timeline.get("closed").get(timeline.get("closed").size() - 1).get(1).asInt()).isEqualTo(stations);
        assertThat(timeline.get("received").get(timeline.get("received").size() - 1).get(1).asInt()).isEqualTo(2);
        String page = cec.get("/desk/" + n.contest() + "/" + other.id().value()).body();
        assertThat(page).contains("id=\"count-overdue\">" + other.stations() + "<", "id=\"count-polling\">0<",
                "no protocol: polls closed at 19:00 local time");

        // Polling day in a month: every station is still polling, none is overdue.
        ElectionFixture.Counting open = fixture.election(LocalDate.now(ZoneOffset.UTC).plusDays(30),
                ElectionAction.START_CAMPAIGN, ElectionAction.OPEN_POLLS);
        String polling = cec.get("/desk?election=" + open.election().id().value()).body();
        assertThat(polling).contains("0 accepted, 0 annulled, 0 quarantined, 0 waiting, 0 without a protocol after the polls closed, "
                + stations + " still polling", "with a protocol overdue (0)");
        String pollingPage = cec.get("/desk/" + open.contest().id().value() + "/" + other.id().value()).body();
        assertThat(polling).doesNotContain("Stations overdue", "id=\"timeline-");
        assertThat(pollingPage).contains("id=\"count-overdue\">0<", "id=\"count-polling\">" + other.stations() + "<",
                "still polling: closes at 19:00 local time").doesNotContain("no protocol: polls closed");
    }

    /** A count as a Russian page prints it, after its spaces are read as plain ones: "12 345". */
    private static String ru(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n).replace(',', ' ');
    }

    /** A share as a Russian page prints it: two decimals rounded half up, a decimal comma, " %". */
    private static String ruPercent(long part, long whole) {
        return java.math.BigDecimal.valueOf(part).multiply(java.math.BigDecimal.valueOf(100))
                .divide(java.math.BigDecimal.valueOf(whole), 2, java.math.RoundingMode.HALF_UP).toPlainString().replace('.', ',') + " %";
    }
}
