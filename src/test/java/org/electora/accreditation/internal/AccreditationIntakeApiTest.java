package org.electora.accreditation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.electora.election.ElectionAdministration;
import org.electora.election.ElectionType;
import org.electora.platform.CurrentStaff;
import org.electora.support.Api;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.QrCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Photos, deadlines, invitations, bulk import, bulk decisions, print sheets and expiry over real HTTP, as the
 * accreditation officer, a mission coordinator and others.
 */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccreditationIntakeApiTest {

    private static final String PASSWORD = "correct horse battery";
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final ZoneId BAKU = ZoneId.of("Asia/Baku");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired ElectionAdministration elections;
    @Autowired ElectionFixture fixture;
    @Autowired BadgeExpiry expiry;

    private Api admin;
    private Api officer;
    private final LocalDate today = LocalDate.now(BAKU);

    @BeforeAll
    void staff() {
        admin = Api.admin(port);
        createStaff("intake-officer", "ACCREDITATION_OFFICER", "NATIONAL", null);
        officer = Api.as(port, "intake-officer", PASSWORD);
    }

    private void createStaff(String username, String role, String scopeKind, Long scopeId) {
        Map<String, Object> body = new HashMap<>(Map.of("username", username, "displayName", username, "role", role,
                "scopeKind", scopeKind, "password", PASSWORD));
        body.put("scopeId", scopeId);
        Api.Response r = admin.post("/api/v1/staff", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /** A draft election (so that it never becomes the public pages' current one) with the given polling day. */
    private long election(LocalDate pollingDay) {
        return CurrentStaff.runAsSystem(() -> elections.create(new ElectionAdministration.NewElection(
                "Intake election " + SEQ.incrementAndGet(), ElectionType.PRESIDENTIAL, true, pollingDay, LocalTime.of(8, 0),
                LocalTime.of(19, 0), fixture.demoMap().id(), "President", "CIS-PRESIDENTIAL-2024")).id().value());
    }

    private long organisation(String name, String kind, Integer quota, Long electionId) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name + " " + SEQ.incrementAndGet(), "kind", kind,
                "country", "NO", "arrivalDate", today.minusDays(1).toString(), "departureDate", today.plusDays(30).toString()));
        body.put("quota", quota);
        body.put("electionId", electionId);
        Api.Response r = officer.post("/api/v1/accreditation/organisations", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    /** A domestic NGO: no invitation needed, no election (so no deadline). */
    private long ngo(String name) {
        return organisation(name, "DOMESTIC_NGO", null, null);
    }

    private static String document() {
        return "N" + (20_000_000 + SEQ.incrementAndGet());
    }

    private Map<String, Object> application(long organisationId, String category, byte[] photo) {
        Map<String, Object> body = new HashMap<>(Map.of("organisationId", organisationId, "category", category,
                "givenNames", "Ingrid", "familyName", "Solberg", "documentNumber", document(), "nationality", "NO",
                "languages", List.of("en", "no"), "dateOfBirth", "1980-05-17"));
        if (photo != null) {
            body.put("photo", Base64.getEncoder().encodeToString(photo));
        }
        return body;
    }

    private static String ruleCode(Api.Response r) {
        return r.json().get("ruleCode").asString();
    }

    private static List<String> problemCodes(Api.Response r) {
        return r.json().get("problems").valueStream().map(p -> p.get("ruleCode").asString()).toList();
    }

    private List<String> auditTypes(String subject) {
        return jdbc.sql("SELECT type || ' by ' || actor FROM audit_event WHERE subject = ? ORDER BY intake_id")
                .param(subject).query(String.class).list();
    }

    private long applicationCount(long organisationId) {
        return jdbc.sql("SELECT count(*) FROM accreditation_application WHERE organisation_id = ?").param(organisationId)
                .query(Long.class).single();
    }

    // --- photos ---------------------------------------------------------------------------------------------------

    @Test
    void aPhotoIsStoredWithItsDigestAndReturnedToStaffWithEveryReadAudited() {
        byte[] jpeg = TestPhotos.jpeg(600, 800);
        Api.Response created = officer.post("/api/v1/accreditation/applications", application(ngo("Photo NGO"), "OBSERVER", jpeg));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();

        Api.Bytes photo = officer.getBytes("/api/v1/accreditation/applications/" + id + "/photo");

        assertThat(photo.status()).isEqualTo(200);
        assertThat(photo.body()).isEqualTo(jpeg);
        assertThat(photo.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(jdbc.sql("SELECT sha256 FROM accreditation_photo WHERE application_id = ?").param(id).query(String.class).single())
                .isEqualTo(org.electora.platform.Digests.sha256(jpeg));
        assertThat(auditTypes("accreditation-application:" + id)).contains("accreditation.photo.read by intake-officer");
    }

    @Test
    void eachBadPhotoIsRefusedWithItsOwnRuleCodeAndNothingIsStored() {
        long org = ngo("Bad photo NGO");
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("ACC-102", "%PDF-1.7 not a photo".getBytes(StandardCharsets.US_ASCII));
        cases.put("ACC-101", TestPhotos.noisyPng(1000, 1300, 7L));
        cases.put("ACC-103", TestPhotos.jpeg(150, 200));
        cases.put("ACC-105", TestPhotos.png(640, 480));

        cases.forEach((code, bytes) -> {
            Api.Response r = officer.post("/api/v1/accreditation/applications", application(org, "OBSERVER", bytes));
            assertThat(r.status()).as(code).isEqualTo(422);
            assertThat(ruleCode(r)).isEqualTo(code);
        });
        Map<String, Object> notBase64 = application(org, "OBSERVER", null);
        notBase64.put("photo", "***");
        assertThat(ruleCode(officer.post("/api/v1/accreditation/applications", notBase64))).isEqualTo("ACC-102");
        assertThat(applicationCount(org)).isZero();
    }

    @Test
    void aPhotoMayBeAddedBeforeTheBadgeAndTheBadgeShowsIt() throws IOException {
        long org = ngo("Photo later NGO");
        long id = officer.post("/api/v1/accreditation/applications", application(org, "JOURNALIST", null)).json().get("id").asLong();
        assertThat(officer.getBytes("/api/v1/accreditation/applications/" + id + "/photo").status()).isEqualTo(404);
        // declared as a GIF: the bytes say PNG, and the bytes decide
        Api.Response stored = officer.putBytes("/api/v1/accreditation/applications/" + id + "/photo", "image/gif", TestPhotos.png(450, 600));
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        assertThat(stored.json().get("mediaType").asString()).isEqualTo("image/png");
        assertThat(ruleCode(officer.putBytes("/api/v1/accreditation/applications/" + id + "/photo", "image/png", TestPhotos.jpeg(800, 600))))
                .isEqualTo("ACC-105");

        String number = issue(org, id).get("badgeNumber").asString();
        assertThat(officer.putBytes("/api/v1/accreditation/applications/" + id + "/photo", "image/png", TestPhotos.png(450, 600)).status())
                .isEqualTo(409);

        try (PDDocument doc = Loader.loadPDF(officer.getBytes("/api/v1/accreditation/badges/" + number + ".pdf").body())) {
            List<PDImageXObject> images = images(doc);
            assertThat(images).as("the photo and the QR code").hasSize(2);
            assertThat(images).anySatisfy(i -> assertThat(i.getHeight()).isGreaterThan(i.getWidth()));
        }
    }

    private static List<PDImageXObject> images(PDDocument doc) throws IOException {
        List<PDImageXObject> out = new ArrayList<>();
        var resources = doc.getPage(0).getResources();
        for (COSName name : resources.getXObjectNames()) {
            if (resources.getXObject(name) instanceof PDImageXObject image) {
                out.add(image);
            }
        }
        return out;
    }

    private JsonNode issue(long org, long id) {
        Api.Response r = null;
        for (String action : List.of("START_REVIEW", "APPROVE", "ISSUE_BADGE")) {
            int version = officer.get("/api/v1/accreditation/applications/" + id).json().get("version").asInt();
            r = officer.post("/api/v1/accreditation/applications/" + id + "/decisions", Map.of("action", action, "version", version));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
        return r.json();
    }

    // --- deadlines ------------------------------------------------------------------------------------------------

    @Test
    void applicationsCloseOnTheCategorysDayBeforePollingDayAndTheElectionMayChangeTheDays() {
        // polling day 12 days ahead: observers (10 days) may still apply today, journalists (3) too
        long election = election(today.plusDays(12));
        long org = organisation("Deadline NGO", "DOMESTIC_NGO", null, election);
        Api.Response deadlines = officer.get("/api/v1/accreditation/elections/" + election + "/deadlines");
        assertThat(deadlines.json().valueStream().map(d -> d.get("category").asString() + "=" + d.get("daysBefore").asInt()).toList())
                .containsExactly("OBSERVER=10", "JOURNALIST=3", "TECHNICAL_STAFF=3");
        assertThat(officer.post("/api/v1/accreditation/applications", application(org, "OBSERVER", null)).status()).isEqualTo(201);

        // 12 days: today is the last day for observers; 13: it closed yesterday
        Api.Response lastDay = officer.put("/api/v1/accreditation/elections/" + election + "/deadlines", Map.of("OBSERVER", 12));
        assertThat(lastDay.status()).as(lastDay.body()).isEqualTo(200);
        assertThat(lastDay.json().get(0).get("lastDay").asString()).isEqualTo(today.toString());
        assertThat(officer.post("/api/v1/accreditation/applications", application(org, "OBSERVER", null)).status()).isEqualTo(201);
        officer.put("/api/v1/accreditation/elections/" + election + "/deadlines", Map.of("OBSERVER", 13));

        Api.Response late = officer.post("/api/v1/accreditation/applications", application(org, "OBSERVER", null));

        assertThat(late.status()).isEqualTo(422);
        assertThat(ruleCode(late)).isEqualTo("ACC-110");
        assertThat(late.json().get("detail").asString()).contains(today.minusDays(1).toString());
        assertThat(officer.post("/api/v1/accreditation/applications", application(org, "JOURNALIST", null)).status())
                .as("journalists keep their own deadline").isEqualTo(201);
        assertThat(ruleCode(officer.put("/api/v1/accreditation/elections/" + election + "/deadlines", Map.of("JOURNALIST", -1))))
                .isEqualTo("ACC-111");
        assertThat(officer.put("/api/v1/accreditation/elections/99999999/deadlines", Map.of("JOURNALIST", 1)).status()).isEqualTo(404);
        assertThat(auditTypes("election:" + election)).contains("accreditation.deadlines.set by intake-officer");
    }

    @Test
    void anOrganisationCannotObserveAnElectionThatDoesNotExist() {
        Api.Response r = officer.post("/api/v1/accreditation/organisations", Map.of("name", "Ghost watchers " + SEQ.incrementAndGet(),
                "kind", "DOMESTIC_NGO", "country", "AZ", "electionId", 99_999_999));

        assertThat(r.status()).isEqualTo(422);
        assertThat(ruleCode(r)).isEqualTo("ACC-112");
    }

    // --- invitations ----------------------------------------------------------------------------------------------

    @Test
    void anInvitedKindOfOrganisationMayApplyOnlyOnceItsInvitationWasAccepted() {
        long org = organisation("Invited assembly", "FOREIGN_STATE_DELEGATION", null, null);
        Api.Response refused = officer.post("/api/v1/accreditation/applications", application(org, "OBSERVER", null));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(ruleCode(refused)).isEqualTo("ACC-118");

        Api.Response sent = officer.post("/api/v1/accreditation/organisations/" + org + "/invitations", Map.of(
                "sentBy", "Minister of Foreign Affairs", "sentOn", today.minusDays(30).toString(), "channel", "DIPLOMATIC_NOTE",
                "reference", "Note 12/345"));
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        long invitation = sent.json().get("id").asLong();
        assertThat(sent.json().get("reply").asString()).isEqualTo("NO_REPLY");
        assertThat(ruleCode(officer.post("/api/v1/accreditation/applications", application(org, "OBSERVER", null)))).isEqualTo("ACC-118");

        Api.Response early = officer.post("/api/v1/accreditation/invitations/" + invitation + "/reply", Map.of("reply", "ACCEPTED",
                "replyDate", today.minusDays(31).toString(), "observersAnnounced", 12, "version", 0));
        assertThat(ruleCode(early)).isEqualTo("ACC-116");
        Api.Response declinedWithObservers = officer.post("/api/v1/accreditation/invitations/" + invitation + "/reply", Map.of(
                "reply", "DECLINED", "replyDate", today.minusDays(20).toString(), "observersAnnounced", 3, "version", 0));
        assertThat(ruleCode(declinedWithObservers)).isEqualTo("ACC-117");
        Api.Response accepted = officer.post("/api/v1/accreditation/invitations/" + invitation + "/reply", Map.of("reply", "ACCEPTED",
                "replyDate", today.minusDays(20).toString(), "observersAnnounced", 12, "version", 0));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(ruleCode(officer.post("/api/v1/accreditation/invitations/" + invitation + "/reply", Map.of("reply", "DECLINED",
                "replyDate", today.minusDays(19).toString(), "version", 0)))).as("stale version").isEqualTo("ACC-409");

        assertThat(officer.post("/api/v1/accreditation/applications", application(org, "OBSERVER", null)).status()).isEqualTo(201);
        JsonNode listed = officer.get("/api/v1/accreditation/organisations/" + org + "/invitations").json();
        assertThat(listed.size()).isEqualTo(1);
        assertThat(listed.get(0).get("sentBy").asString()).isEqualTo("Minister of Foreign Affairs");
        assertThat(listed.get(0).get("channel").asString()).isEqualTo("DIPLOMATIC_NOTE");
        assertThat(listed.get(0).get("reference").asString()).isEqualTo("Note 12/345");
        assertThat(listed.get(0).get("reply").asString()).isEqualTo("ACCEPTED");
        assertThat(listed.get(0).get("observersAnnounced").asInt()).isEqualTo(12);
        assertThat(auditTypes("accreditation-invitation:" + invitation)).containsExactly(
                "accreditation.invitation.sent by intake-officer", "accreditation.invitation.replied by intake-officer");
        // a domestic NGO or a media outlet needs no invitation
        assertThat(officer.post("/api/v1/accreditation/applications",
                application(organisation("Outlet", "FOREIGN_MEDIA_OUTLET", null, null), "JOURNALIST", null)).status()).isEqualTo(201);
    }

    @Test
    void anInvitationNeedsItsSenderDateAndChannel() {
        long org = organisation("Invitation fields", "INTERNATIONAL_ORGANISATION", null, null);

        Api.Response r = officer.post("/api/v1/accreditation/organisations/" + org + "/invitations", Map.of("channel", "PIGEON"));
        Api.Response missing = officer.post("/api/v1/accreditation/organisations/" + org + "/invitations", Map.of());

        assertThat(r.status()).isEqualTo(400);
        assertThat(missing.status()).isEqualTo(422);
        assertThat(problemCodes(missing)).containsExactlyInAnyOrder("ACC-001", "ACC-001", "ACC-115");
    }

    // --- bulk import ----------------------------------------------------------------------------------------------

    static byte[] zip(Map<String, byte[]> entries) {
        try {
            var bytes = new ByteArrayOutputStream();
            try (var zip = new ZipOutputStream(bytes)) {
                for (var e : entries.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final String HEADER = "organisation_id,category,given_names,family_name,document_kind,document_number,nationality,date_of_birth,languages,photo\n";

    private Api.Response upload(Api as, byte[] zip) {
        return as.postFile("/api/v1/accreditation/imports", "file", "mission.zip", "application/zip", zip);
    }

    @Test
    void aValidMissionFileIsAppliedOnceAndTheSameFileAgainChangesNothing() {
        long org = organisation("Import mission", "INTERNATIONAL_ORGANISATION", 5, null);
        accept(org);
        String csv = HEADER
                + org + ",OBSERVER,Åsa,Lindqvist,PASSPORT," + document() + ",SE,1975-03-02,en sv,asa.jpg\n"
                + org + ",journalist,Олег,Петров,NATIONAL_ID," + document() + ",KZ,1983-11-30,ru;kk,photos/oleg.png\n"
                + org + ",TECHNICAL_STAFF,Jean,Dupont,," + document() + ",FR,1990-01-01,,jean.jpg\n";
        byte[] file = zip(Map.of("applications.csv", csv.getBytes(StandardCharsets.UTF_8), "asa.jpg", TestPhotos.jpeg(600, 800),
                "photos/oleg.png", TestPhotos.png(300, 400), "jean.jpg", TestPhotos.jpeg(450, 600)));

        Api.Response first = upload(officer, file);
        Api.Response again = upload(officer, file);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("status").asString()).isEqualTo("APPLIED");
        List<Long> ids = first.json().get("applicationIds").valueStream().map(JsonNode::asLong).toList();
        assertThat(ids).hasSize(3);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("status").asString()).isEqualTo("ALREADY_APPLIED");
        assertThat(again.json().get("applicationIds").valueStream().map(JsonNode::asLong).toList()).isEqualTo(ids);
        assertThat(applicationCount(org)).isEqualTo(3);
        JsonNode oleg = officer.get("/api/v1/accreditation/applications/" + ids.get(1)).json();
        assertThat(oleg.get("familyName").asString()).isEqualTo("Петров");
        assertThat(oleg.get("category").asString()).isEqualTo("JOURNALIST");
        assertThat(oleg.get("documentKind").asString()).isEqualTo("NATIONAL_ID");
        assertThat(oleg.get("languages").valueStream().map(JsonNode::asString).toList()).containsExactly("ru", "kk");
        assertThat(officer.getBytes("/api/v1/accreditation/applications/" + ids.get(1) + "/photo").headers().firstValue("Content-Type"))
                .hasValue("image/png");
        assertThat(jdbc.sql("SELECT count(*) FROM accreditation_application WHERE id = ANY(?::bigint[]) AND channel = 'BULK_IMPORT'")
                .param("{" + ids.get(0) + "," + ids.get(1) + "," + ids.get(2) + "}").query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void aFileWithProblemsIsReportedRowByRowAndChangesNothing() {
        long org = organisation("Faulty mission", "INTERNATIONAL_ORGANISATION", 4, null);
        accept(org);
        long uninvited = organisation("Uninvited mission", "FOREIGN_ELECTION_BODY", null, null);
        String taken = document();
        assertThat(officer.post("/api/v1/accreditation/applications", Map.of("organisationId", org, "category", "OBSERVER",
                "givenNames", "Existing", "familyName", "Person", "documentNumber", taken, "nationality", "DE")).status()).isEqualTo(201);
        String twice = document();
        String csv = HEADER
                + org + ",OBSERVER,Ok,Row,PASSPORT," + document() + ",DE,1970-01-01,en,ok.jpg\n"             // 2 fine
                + "424242424,OBSERVER,No,Org,PASSPORT," + document() + ",DE,1970-01-01,en,ok.jpg\n"       // 3 unknown organisation
                + org + ",OBSERVER,Bad,Date,PASSPORT," + document() + ",DE,17.05.1970,en,ok.jpg\n"       // 4 bad date
                + org + ",OBSERVER,No,Photo,PASSPORT," + document() + ",DE,1970-01-01,en,missing.jpg\n"  // 5 photo not in ZIP
                + org + ",OBSERVER,Big,Photo,PASSPORT," + document() + ",DE,1970-01-01,en,big.png\n"     // 6 oversized photo
                + org + ",OBSERVER,Not,Photo,PASSPORT," + document() + ",DE,1970-01-01,en,notes.jpg\n"   // 7 not an image
                + org + ",OBSERVER,Same,Person,PASSPORT," + twice + ",DE,1970-01-01,en,ok.jpg\n"         // 8 fine (first of two)
                + org + ",OBSERVER,Same,Again,PASSPORT," + twice + ",de,1970-01-01,en,ok.jpg\n"          // 9 duplicate in file
                + org + ",OBSERVER,Already,There,PASSPORT," + taken + ",DE,1970-01-01,en,ok.jpg\n"       // 10 duplicate of existing
                + org + ",OBSERVER,Over,Quota,PASSPORT," + document() + ",DE,1970-01-01,en,ok.jpg\n"     // 11 fifth of a quota of 4
                + uninvited + ",OBSERVER,Not,Invited,PASSPORT," + document() + ",DE,1970-01-01,en,ok.jpg\n" // 12 no accepted invitation
                + org + ",OBSERVER,,Nameless,PASSPORT," + document() + ",XX,1970-01-01,english,\n";   // 13 missing name, country, language, photo
        byte[] file = zip(Map.of("applications.csv", csv.getBytes(StandardCharsets.UTF_8), "ok.jpg", TestPhotos.jpeg(600, 800),
                "big.png", TestPhotos.noisyPng(1000, 1300, 11L), "notes.jpg", "just text".getBytes(StandardCharsets.UTF_8)));
        long before = jdbc.sql("SELECT count(*) FROM accreditation_application").query(Long.class).single();

        Api.Response r = upload(officer, file);

        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().get("status").asString()).isEqualTo("INVALID");
        List<String> report = r.json().get("problems").valueStream()
                .map(p -> p.get("line").asInt() + " " + p.get("ruleCode").asString()).toList();
        assertThat(report).contains("3 ACC-124", "4 ACC-113", "5 ACC-126", "6 ACC-101", "7 ACC-102", "9 ACC-127", "10 ACC-012",
                "12 ACC-118", "13 ACC-001", "13 ACC-002", "13 ACC-005", "13 ACC-100");
        assertThat(report).anyMatch(p -> p.endsWith("ACC-010"));
        assertThat(report).noneMatch(p -> p.startsWith("2 ") || p.startsWith("8 "));
        assertThat(jdbc.sql("SELECT count(*) FROM accreditation_application").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void brokenOrHostileArchivesAreRefusedBeforeAnyRowIsRead() throws IOException {
        long org = ngo("Archive NGO");
        assertThat(ruleCode(upload(officer, "organisation_id\n1\n".getBytes(StandardCharsets.UTF_8)))).isEqualTo("ACC-120");
        assertThat(ruleCode(upload(officer, zip(Map.of("readme.txt", new byte[]{1}))))).isEqualTo("ACC-122");
        assertThat(ruleCode(upload(officer, zip(Map.of("applications.csv", "organisation_id,category\n1,OBSERVER\n".getBytes(StandardCharsets.UTF_8))))))
                .isEqualTo("ACC-123");
        assertThat(ruleCode(upload(officer, zip(Map.of("applications.csv", HEADER.getBytes(StandardCharsets.UTF_8)))))).isEqualTo("ACC-128");
        assertThat(ruleCode(upload(officer, zip(Map.of("applications.csv", new byte[]{(byte) 0xC3, 0x28, '\n'}))))).isEqualTo("ACC-122");

        // 150 MiB of zeros deflate to about 150 KiB: reading stops at the 100 MiB cap
        var bomb = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bomb)) {
            zip.putNextEntry(new ZipEntry("applications.csv"));
            zip.write((HEADER + org + ",OBSERVER,A,B,PASSPORT," + document() + ",NO,1970-01-01,en,x.jpg\n").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            for (int i = 0; i < 75; i++) {
                zip.putNextEntry(new ZipEntry("zeros-" + i + ".jpg"));
                zip.write(new byte[2 * 1024 * 1024]);
                zip.closeEntry();
            }
        }
        assertThat(bomb.size()).isLessThan(1024 * 1024);
        Api.Response bombed = upload(officer, bomb.toByteArray());
        assertThat(bombed.status()).isEqualTo(422);
        assertThat(ruleCode(bombed)).isEqualTo("ACC-121");

        Map<String, byte[]> many = new HashMap<>();
        for (int i = 0; i <= MissionImport.MAX_ENTRIES; i++) {
            many.put("f" + i, new byte[0]);
        }
        assertThat(ruleCode(upload(officer, zip(many)))).isEqualTo("ACC-121");
        assertThat(applicationCount(org)).isZero();
    }

    @Test
    void aMissionCoordinatorImportsForItsOwnOrganisationOnly() {
        long own = ngo("Coordinated NGO");
        long other = ngo("Other NGO");
        createStaff("coordinator-" + own, "OBSERVER", "ORGANISATION", own);
        Api coordinator = Api.as(port, "coordinator-" + own, PASSWORD);
        byte[] photo = TestPhotos.jpeg(600, 800);
        byte[] mine = zip(Map.of("applications.csv", (HEADER + own + ",OBSERVER,A,B,PASSPORT," + document() + ",NO,1970-01-01,en,p.jpg\n")
                .getBytes(StandardCharsets.UTF_8), "p.jpg", photo));
        byte[] theirs = zip(Map.of("applications.csv", (HEADER + other + ",OBSERVER,A,B,PASSPORT," + document() + ",NO,1970-01-01,en,p.jpg\n")
                .getBytes(StandardCharsets.UTF_8), "p.jpg", photo));

        Api.Response foreign = upload(coordinator, theirs);
        Api.Response ownFile = upload(coordinator, mine);

        assertThat(foreign.status()).isEqualTo(422);
        assertThat(foreign.json().get("problems").get(0).get("ruleCode").asString()).isEqualTo("ACC-124");
        assertThat(applicationCount(other)).isZero();
        assertThat(ownFile.status()).as(ownFile.body()).isEqualTo(201);
        long id = ownFile.json().get("applicationIds").get(0).asLong();
        assertThat(auditTypes("accreditation-application:" + id)).containsExactly("accreditation.application.submitted by coordinator-" + own);
    }

    private void accept(long org) {
        long invitation = officer.post("/api/v1/accreditation/organisations/" + org + "/invitations", Map.of("sentBy", "Ministry",
                "sentOn", today.minusDays(10).toString(), "channel", "EMAIL")).json().get("id").asLong();
        assertThat(officer.post("/api/v1/accreditation/invitations/" + invitation + "/reply", Map.of("reply", "ACCEPTED",
                "replyDate", today.minusDays(5).toString(), "version", 0)).status()).isEqualTo(200);
    }

    // --- bulk decisions and print sheets --------------------------------------------------------------------------

    private List<Long> applyAll(long org, int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Api.Response r = officer.post("/api/v1/accreditation/applications", application(org, i % 2 == 0 ? "OBSERVER" : "JOURNALIST",
                    i % 3 == 0 ? null : TestPhotos.jpeg(300 + 30 * i, 400 + 40 * i)));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            ids.add(r.json().get("id").asLong());
        }
        return ids;
    }

    private Api.Response decideAll(long org, Map<String, Object> body) {
        return officer.post("/api/v1/accreditation/organisations/" + org + "/decisions", body);
    }

    private List<String> statuses(List<Long> ids) {
        return ids.stream().map(id -> officer.get("/api/v1/accreditation/applications/" + id).json().get("status").asString()).toList();
    }

    @Test
    void aBulkDecisionIsAllOrNothingAndAuditsEveryTransitionWithItsActor() {
        long org = ngo("Bulk NGO");
        List<Long> ids = applyAll(org, 4);

        Api.Response reviewed = decideAll(org, Map.of("action", "START_REVIEW", "status", "SUBMITTED"));
        assertThat(reviewed.status()).as(reviewed.body()).isEqualTo(200);
        assertThat(reviewed.json().get("applied").asInt()).isEqualTo(4);
        assertThat(decideAll(org, Map.of("action", "APPROVE", "applicationIds", ids.subList(0, 2))).status()).isEqualTo(200);

        // approving all four: two are APPROVED already, so none moves
        Api.Response refused = decideAll(org, Map.of("action", "APPROVE", "applicationIds", ids));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(ruleCode(refused)).isEqualTo("ACC-020");
        assertThat(refused.json().get("problems").valueStream().map(p -> p.get("field").asString()).toList())
                .containsExactly("application:" + ids.get(0), "application:" + ids.get(1));
        assertThat(statuses(ids)).containsExactly("APPROVED", "APPROVED", "UNDER_REVIEW", "UNDER_REVIEW");

        assertThat(ruleCode(decideAll(org, Map.of("action", "REJECT", "status", "UNDER_REVIEW")))).as("no reason").isEqualTo("ACC-021");
        assertThat(decideAll(org, Map.of("action", "REJECT", "reason", "list submitted late", "status", "UNDER_REVIEW")).status()).isEqualTo(200);
        assertThat(statuses(ids)).containsExactly("APPROVED", "APPROVED", "REJECTED", "REJECTED");
        assertThat(auditTypes("accreditation-application:" + ids.get(3))).containsExactly(
                "accreditation.application.submitted by intake-officer", "accreditation.application.start_review by intake-officer",
                "accreditation.application.reject by intake-officer");

        long otherOrg = ngo("Other bulk NGO");
        Api.Response foreign = decideAll(otherOrg, Map.of("action", "ISSUE_BADGE", "applicationIds", ids.subList(0, 1)));
        assertThat(foreign.status()).isEqualTo(422);
        assertThat(ruleCode(foreign)).isEqualTo("ACC-130");
        assertThat(ruleCode(decideAll(org, Map.of("action", "APPROVE")))).as("neither ids nor status").isEqualTo("ACC-130");
        assertThat(ruleCode(decideAll(org, Map.of("action", "APPROVE", "status", "SUBMITTED")))).as("nothing selected").isEqualTo("ACC-130");
    }

    @Test
    void thePrintSheetHoldsEveryIssuedBadgeOfTheMissionEightToAPageEachQrVerifying() throws Exception {
        long org = ngo("Sheet NGO");
        List<Long> ids = applyAll(org, 9);
        for (String action : List.of("START_REVIEW", "APPROVE", "ISSUE_BADGE")) {
            String from = switch (action) {
                case "START_REVIEW" -> "SUBMITTED";
                case "APPROVE" -> "UNDER_REVIEW";
                default -> "APPROVED";
            };
            assertThat(decideAll(org, Map.of("action", action, "status", from)).status()).isEqualTo(200);
        }
        Map<String, String> credentialByNumber = new HashMap<>();
        for (Long id : ids) {
            JsonNode a = officer.get("/api/v1/accreditation/applications/" + id).json();
            credentialByNumber.put(a.get("badgeNumber").asString(), a.get("credential").asString());
        }

        Api.Bytes pdf = officer.getBytes("/api/v1/accreditation/organisations/" + org + "/badges.pdf");

        assertThat(pdf.status()).isEqualTo(200);
        List<String> decoded = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(2);
            assertThat(new PDFTextStripper().getText(doc)).contains(credentialByNumber.keySet().toArray(String[]::new));
            for (int page = 0; page < doc.getNumberOfPages(); page++) {
                for (int cell = 0; cell < BadgePdf.SHEET_COLUMNS * BadgePdf.SHEET_ROWS && decoded.size() < ids.size(); cell++) {
                    int c = cell;
                    decoded.add(QrCodes.read(doc, page, image -> {
                        int cellWidth = image.getWidth() / BadgePdf.SHEET_COLUMNS;
                        int cellHeight = image.getHeight() / BadgePdf.SHEET_ROWS;
                        return image.getSubimage((c % BadgePdf.SHEET_COLUMNS) * cellWidth, (c / BadgePdf.SHEET_COLUMNS) * cellHeight,
                                cellWidth, cellHeight);
                    }));
                }
            }
        }
        assertThat(decoded).containsExactlyInAnyOrderElementsOf(credentialByNumber.values());
        for (String token : decoded) {
            assertThat(Api.anonymous(port).get("/api/v1/public/accreditation/verify?token=" + token).json().get("result").asString())
                    .isEqualTo("VALID");
        }
        assertThat(ruleCode(officer.get("/api/v1/accreditation/organisations/" + ngo("Empty sheet NGO") + "/badges.pdf")))
                .isEqualTo("ACC-131");
    }

    // --- expiry ---------------------------------------------------------------------------------------------------

    @Test
    void theExpiryJobExpiresABadgeAtMidnightInBakuAfterItsLastValidDayAsTheSystem() {
        long org = ngo("Expiry NGO");
        long id = applyAll(org, 1).getFirst();
        for (String action : List.of("START_REVIEW", "APPROVE")) {
            assertThat(decideAll(org, Map.of("action", action, "applicationIds", List.of(id))).status()).isEqualTo(200);
        }
        LocalDate lastDay = today.minusDays(10);
        Api.Response issued = decideAll(org, Map.of("action", "ISSUE_BADGE", "applicationIds", List.of(id),
                "validFrom", lastDay.minusDays(5).toString(), "validUntil", lastDay.toString()));
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        String token = issued.json().get("applications").get(0).get("credential").asString();

        List<Long> atLastMinute = expiry.expireAt(lastDay.plusDays(1).atStartOfDay(BAKU).minusSeconds(1).toInstant());
        assertThat(atLastMinute).doesNotContain(id);
        assertThat(statuses(List.of(id))).containsExactly("BADGE_ISSUED");

        List<Long> atMidnight = expiry.expireAt(lastDay.plusDays(1).atStartOfDay(BAKU).toInstant());

        assertThat(atMidnight).contains(id);
        assertThat(statuses(List.of(id))).containsExactly("EXPIRED");
        assertThat(auditTypes("accreditation-application:" + id)).last().isEqualTo("accreditation.application.expire by system");
        JsonNode answer = Api.anonymous(port).get("/api/v1/public/accreditation/verify?token=" + token).json();
        assertThat(answer.get("result").asString()).isEqualTo("NOT_VALID");
        assertThat(answer.get("reason").asString()).isEqualTo("EXPIRED");
        assertThat(expiry.expireAt(lastDay.plusDays(2).atStartOfDay(BAKU).toInstant())).as("run again").doesNotContain(id);
    }

    // --- who may do what ------------------------------------------------------------------------------------------

    @Test
    void theNewOfficerEndpointsAreClosedToOthersAndTheImportToForeignRoles() {
        long org = ngo("Matrix NGO");
        long election = election(today.plusDays(40));
        long id = officer.post("/api/v1/accreditation/applications", application(org, "OBSERVER", TestPhotos.jpeg(600, 800)))
                .json().get("id").asLong();
        long invitation = officer.post("/api/v1/accreditation/organisations/" + org + "/invitations", Map.of("sentBy", "Ministry",
                "sentOn", today.toString(), "channel", "LETTER")).json().get("id").asLong();
        createStaff("matrix-observer", "OBSERVER", "ORGANISATION", org);
        createStaff("matrix-auditor", "AUDITOR", "NATIONAL", null);
        Map<String, Api> others = new LinkedHashMap<>();
        others.put("anonymous", Api.anonymous(port));
        others.put("observer", Api.as(port, "matrix-observer", PASSWORD));
        others.put("auditor", Api.as(port, "matrix-auditor", PASSWORD));
        List<String> reads = List.of("/api/v1/accreditation/applications/" + id + "/photo",
                "/api/v1/accreditation/organisations/" + org + "/invitations", "/api/v1/accreditation/invitations/" + invitation,
                "/api/v1/accreditation/elections/" + election + "/deadlines");
        Map<String, Object> writes = new LinkedHashMap<>();
        writes.put("/api/v1/accreditation/organisations/" + org + "/invitations", Map.of("sentBy", "x", "sentOn", today.toString(), "channel", "EMAIL"));
        writes.put("/api/v1/accreditation/invitations/" + invitation + "/reply", Map.of("reply", "ACCEPTED", "replyDate", today.toString(), "version", 0));
        writes.put("/api/v1/accreditation/organisations/" + org + "/decisions", Map.of("action", "START_REVIEW", "status", "SUBMITTED"));

        others.forEach((who, api) -> {
            int expected = who.equals("anonymous") ? 401 : 403;
            for (String path : reads) {
                assertThat(api.getBytes(path).status()).as(who + " GET " + path).isEqualTo(expected);
            }
            assertThat(api.getBytes("/api/v1/accreditation/organisations/" + org + "/badges.pdf").status()).as(who + " sheet").isEqualTo(expected);
            writes.forEach((path, body) -> assertThat(api.post(path, body).status()).as(who + " POST " + path).isEqualTo(expected));
            assertThat(api.put("/api/v1/accreditation/elections/" + election + "/deadlines", Map.of("OBSERVER", 1)).status())
                    .as(who + " PUT deadlines").isEqualTo(expected);
            assertThat(api.putBytes("/api/v1/accreditation/applications/" + id + "/photo", "image/jpeg", TestPhotos.jpeg(600, 800)).status())
                    .as(who + " PUT photo").isEqualTo(expected);
        });
        byte[] file = zip(Map.of("applications.csv", (HEADER + org + ",OBSERVER,A,B,PASSPORT," + document() + ",NO,1970-01-01,en,p.jpg\n")
                .getBytes(StandardCharsets.UTF_8), "p.jpg", TestPhotos.jpeg(600, 800)));
        assertThat(upload(others.get("anonymous"), file).status()).isEqualTo(401);
        assertThat(upload(others.get("auditor"), file).status()).isEqualTo(403);
        for (String path : reads) {
            assertThat(officer.getBytes(path).status()).as("officer GET " + path).isEqualTo(200);
        }
        assertThat(admin.getBytes("/api/v1/accreditation/applications/" + id + "/photo").status()).as("CEC admin").isEqualTo(200);
    }
}
