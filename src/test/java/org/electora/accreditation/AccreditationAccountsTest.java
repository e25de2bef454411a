package org.electora.accreditation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.electora.platform.Digests;
import org.electora.support.Api;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.WebSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** An accredited observer or journalist gets a login by a single-use invitation link, scoped to their organisation. */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccreditationAccountsTest {

    private static final String OFFICER_PASSWORD = "officer password 1";
    private static final String GOOD_PASSWORD = "tulip-harbour-47-quietly";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    private Api officer;
    private Api anonymous;
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private int seq;

    @BeforeAll
    void staff() {
        Api admin = Api.admin(port);
        Map<String, Object> body = new HashMap<>(Map.of("username", "acc-acc-" + run, "displayName", "Officer",
                "role", "ACCREDITATION_OFFICER", "scopeKind", "NATIONAL", "password", OFFICER_PASSWORD));
        assertThat(admin.post("/api/v1/staff", body).status()).isEqualTo(201);
        officer = Api.as(port, "acc-acc-" + run, OFFICER_PASSWORD);
        anonymous = Api.anonymous(port);
    }

    private long organisation(String kind) {
        Api.Response r = officer.post("/api/v1/accreditation/organisations", Map.of("name", "Accounts org " + run + " " + (++seq),
                "kind", kind, "country", "NO", "arrivalDate", LocalDate.now().minusDays(1).toString(),
                "departureDate", LocalDate.now().plusDays(20).toString()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long id = r.json().get("id").asLong();
        if (AccreditationData.INVITED_KINDS.contains(kind)) {
            AccreditationData.acceptedInvitation(officer, id);
        }
        return id;
    }

    /** An application moved through the table up to {@code last} (e.g. APPROVE or ISSUE_BADGE). */
    private JsonNode application(long organisationId, String category, String... actions) {
        Api.Response r = officer.post("/api/v1/accreditation/applications", Map.of("organisationId", organisationId,
                "category", category, "givenNames", "Ingrid", "familyName", "Solberg",
                "documentNumber", "N" + run.toUpperCase().replaceAll("[^A-Z0-9]", "") + (++seq), "nationality", "NO"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode a = r.json();
        for (String action : actions) {
            Map<String, Object> body = new LinkedHashMap<>(Map.of("action", action, "version", a.get("version").asInt()));
            Api.Response d = officer.post("/api/v1/accreditation/applications/" + a.get("id").asLong() + "/decisions", body);
            assertThat(d.status()).as(d.body()).isEqualTo(200);
            a = d.json();
        }
        return a;
    }

    private String invite(long applicationId) {
        Api.Response r = officer.post("/api/v1/accreditation/applications/" + applicationId + "/account-invitations", Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("link").asString()).isEqualTo("/accreditation/invitations/" + r.json().get("token").asString());
        return r.json().get("token").asString();
    }

    private Api.Response accept(String token, String username, String password) {
        return anonymous.post("/api/v1/public/accreditation/invitations/" + token + "/account",
                Map.of("username", username, "password", password));
    }

    private static List<String> ruleCodes(Api.Response r) {
        JsonNode problems = r.json().get("problems");
        if (problems == null || problems.isEmpty()) {
            return List.of(r.json().get("ruleCode").asString());
        }
        return problems.valueStream().map(p -> p.get("ruleCode").asString()).toList();
    }

    @Test
    void anInvitationCreatesAnObserverLoginScopedToTheOrganisationAndWorksOnlyOnce() {
        long org = organisation("INTERNATIONAL_ORGANISATION");
        JsonNode issued = application(org, "OBSERVER", "START_REVIEW", "APPROVE", "ISSUE_BADGE");
        String token = invite(issued.get("id").asLong());
        String username = "ingrid.once." + run;

        Api.Response created = accept(token, username, GOOD_PASSWORD);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("role").asString()).isEqualTo("OBSERVER");
        assertThat(created.json().get("organisationId").asLong()).isEqualTo(org);
        Map<String, Object> row = jdbc.sql("SELECT role, scope_kind, scope_id FROM staff_user WHERE username = ?")
                .param(username).query().singleRow();
        assertThat(row).containsEntry("role", "OBSERVER").containsEntry("scope_kind", "ORGANISATION").containsEntry("scope_id", org);

        Api.Response again = accept(token, username + "2", GOOD_PASSWORD);
        assertThat(again.status()).isEqualTo(409);
        assertThat(ruleCodes(again)).containsExactly("ACC-141");
        assertThat(jdbc.sql("SELECT count(*) FROM staff_user WHERE username = ?").param(username + "2").query(Long.class).single()).isZero();
        // a second invitation for the same accreditation is refused: one login per person
        Api.Response secondInvitation = officer.post("/api/v1/accreditation/applications/" + issued.get("id").asLong()
                + "/account-invitations", Map.of());
        assertThat(ruleCodes(secondInvitation)).containsExactly("ACC-149");
        // only the hash of the link's secret is stored
        assertThat(jdbc.sql("SELECT count(*) FROM accreditation_account_invitation WHERE token_hash = ? OR token_hash = ?")
                .params(token, Digests.sha256(token)).query(Long.class).single()).isEqualTo(1);
        List<String> audit = jdbc.sql("SELECT type FROM audit_event WHERE subject = ? ORDER BY intake_id")
                .param("accreditation-application:" + issued.get("id").asLong()).query(String.class).list();
        assertThat(audit).contains("accreditation.account.invited", "accreditation.account.created");
    }

    @Test
    void revokingTheAccreditationEndsTheHoldersLoginAtOnce() {
        long org = organisation("INTERNATIONAL_ORGANISATION");
        JsonNode issued = application(org, "OBSERVER", "START_REVIEW", "APPROVE", "ISSUE_BADGE");
        String username = "ingrid.revoked." + run;
        assertThat(accept(invite(issued.get("id").asLong()), username, GOOD_PASSWORD).status()).isEqualTo(201);
        Api observer = Api.as(port, username, GOOD_PASSWORD);
        assertThat(observer.get("/api/v1/accreditation/my/accreditation").status()).isEqualTo(200);
        WebSession web = WebSession.signIn(port, username, GOOD_PASSWORD);
        WebSession.Page signedIn = web.get("/accreditation/statistics");
        assertThat(signedIn.location() == null ? "" : signedIn.location()).as("signed in on the web").doesNotContain("/login");

        long id = issued.get("id").asLong();
        int version = officer.get("/api/v1/accreditation/applications/" + id).json().get("version").asInt();
        Api.Response revoked = officer.post("/api/v1/accreditation/applications/" + id + "/decisions",
                Map.of("action", "REVOKE", "version", version, "reason", "conduct incompatible with observer status"));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);

        // the token issued before the revocation stops working at once, so does the open web session, and signing in
        // again is refused
        assertThat(observer.get("/api/v1/accreditation/my/accreditation").status()).isEqualTo(401);
        WebSession.Page afterRevocation = web.get("/accreditation/statistics");
        assertThat(afterRevocation.status()).isEqualTo(302);
        assertThat(afterRevocation.location()).contains("/login?expired");
        assertThat(WebSession.anonymous(port).get("/login?expired").body()).contains("id=\"login-expired\"");
        assertThat(Api.anonymous(port).post("/api/v1/auth/tokens", Map.of("username", username, "password", GOOD_PASSWORD))
                .status()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT enabled FROM staff_user WHERE username = ?").param(username).query(Boolean.class).single())
                .isFalse();
        long accountId = jdbc.sql("SELECT id FROM staff_user WHERE username = ?").param(username).query(Long.class).single();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE type = 'staff.disabled' AND subject = ?")
                .param("staff:" + accountId).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anExpiredInvitationIsRefusedWithAcc142AndAnUnknownOneWithAcc140() {
        long org = organisation("INTERNATIONAL_ORGANISATION");
        JsonNode approved = application(org, "OBSERVER", "START_REVIEW", "APPROVE");
        String token = invite(approved.get("id").asLong());
        jdbc.sql("UPDATE accreditation_account_invitation SET created_at = now() - interval '9 days', expires_at = now() - interval '2 days' WHERE token_hash = ?")
                .param(Digests.sha256(token)).update();

        Api.Response expired = accept(token, "ingrid.late." + run, GOOD_PASSWORD);
        Api.Response unknown = accept("no-such-token-" + run, "ingrid.none." + run, GOOD_PASSWORD);

        assertThat(expired.status()).isEqualTo(409);
        assertThat(ruleCodes(expired)).containsExactly("ACC-142");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(ruleCodes(unknown)).containsExactly("ACC-140");
        assertThat(jdbc.sql("SELECT count(*) FROM staff_user WHERE username LIKE ?").param("ingrid.%." + run)
                .query(Long.class).single()).isZero();
    }

    @Test
    void weakPasswordsAndBadUsernamesAreRefusedWithTheirRuleCodesAndTheLinkStaysUsable() {
        long org = organisation("FOREIGN_MEDIA_OUTLET");
        JsonNode approved = application(org, "JOURNALIST", "START_REVIEW", "APPROVE");
        String token = invite(approved.get("id").asLong());
        String username = "solberg.press." + run;

        assertThat(ruleCodes(accept(token, username, "short-1A"))).containsExactly("ACC-143");
        assertThat(ruleCodes(accept(token, username, "Ingrid-from-Oslo-2026"))).containsExactly("ACC-144");
        assertThat(ruleCodes(accept(token, username, "my" + username + "!"))).containsExactly("ACC-144");
        assertThat(ruleCodes(accept(token, username, "aaaaaaaaaaaaaaaa"))).containsExactly("ACC-145");
        assertThat(ruleCodes(accept(token, username, "password1234"))).containsExactly("ACC-145");
        Api.Response both = accept(token, "No Spaces Allowed", "abab");
        assertThat(both.status()).isEqualTo(422);
        assertThat(ruleCodes(both)).containsExactlyInAnyOrder("ACC-146", "ACC-143");
        assertThat(ruleCodes(accept(token, "acc-acc-" + run, GOOD_PASSWORD))).containsExactly("ACC-147");

        Api.Response created = accept(token, username, GOOD_PASSWORD);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("role").asString()).isEqualTo("JOURNALIST");
    }

    @Test
    void onlyApprovedApplicationsGetAnInvitationAndOnlyOfficersCreateThem() {
        long org = organisation("INTERNATIONAL_ORGANISATION");
        JsonNode submitted = application(org, "OBSERVER");
        JsonNode approved = application(org, "OBSERVER", "START_REVIEW", "APPROVE");

        Api.Response early = officer.post("/api/v1/accreditation/applications/" + submitted.get("id").asLong()
                + "/account-invitations", Map.of());

        assertThat(early.status()).isEqualTo(409);
        assertThat(ruleCodes(early)).containsExactly("ACC-148");
        assertThat(anonymous.post("/api/v1/accreditation/applications/" + approved.get("id").asLong()
                + "/account-invitations", Map.of()).status()).isEqualTo(401);
        assertThat(officer.post("/api/v1/accreditation/applications/999999999/account-invitations", Map.of()).status())
                .isEqualTo(404);
    }

    @Test
    void anObserverSeesTheirOwnAccreditationAndBadgeButNotAnotherOrganisationsAndNoStaffEndpoint() throws Exception {
        long orgA = organisation("INTERNATIONAL_ORGANISATION");
        long orgB = organisation("INTERNATIONAL_ORGANISATION");
        JsonNode mine = application(orgA, "OBSERVER", "START_REVIEW", "APPROVE", "ISSUE_BADGE");
        JsonNode colleague = application(orgA, "OBSERVER", "START_REVIEW", "APPROVE", "ISSUE_BADGE");
        JsonNode foreign = application(orgB, "OBSERVER", "START_REVIEW", "APPROVE", "ISSUE_BADGE");
        String username = "observer.a." + run;
        assertThat(accept(invite(mine.get("id").asLong()), username, GOOD_PASSWORD).status()).isEqualTo(201);
        Api observer = Api.as(port, username, GOOD_PASSWORD);

        Api.Response own = observer.get("/api/v1/accreditation/my/accreditation");
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json().get("badgeNumber").asString()).isEqualTo(mine.get("badgeNumber").asString());
        assertThat(own.json().get("organisationId").asLong()).isEqualTo(orgA);
        assertThat(own.json().get("credential").asString()).isEqualTo(mine.get("credential").asString());
        assertThat(own.body()).doesNotContain(mine.get("documentNumber").asString());

        Api.Bytes badge = observer.getBytes("/api/v1/accreditation/my/badges/" + mine.get("badgeNumber").asString() + ".pdf");
        assertThat(badge.status()).isEqualTo(200);
        try (PDDocument doc = Loader.loadPDF(badge.body())) {
            assertThat(new PDFTextStripper().getText(doc)).contains(mine.get("badgeNumber").asString());
        }
        Api.Bytes foreignBadge = observer.getBytes("/api/v1/accreditation/my/badges/" + foreign.get("badgeNumber").asString() + ".pdf");
        Api.Bytes colleagueBadge = observer.getBytes("/api/v1/accreditation/my/badges/" + colleague.get("badgeNumber").asString() + ".pdf");
        assertThat(foreignBadge.status()).isEqualTo(403);
        assertThat(new String(foreignBadge.body())).contains("ACC-151");
        assertThat(colleagueBadge.status()).isEqualTo(403);

        for (String staffPath : List.of("/api/v1/accreditation/organisations", "/api/v1/accreditation/organisations/" + orgA,
                "/api/v1/accreditation/organisations/" + orgB + "/applications",
                "/api/v1/accreditation/applications/" + foreign.get("id").asLong(),
                "/api/v1/accreditation/applications/" + mine.get("id").asLong(),
                "/api/v1/accreditation/badges/" + foreign.get("badgeNumber").asString() + ".pdf", "/api/v1/staff")) {
            assertThat(observer.getBytes(staffPath).status()).as(staffPath).isEqualTo(403);
        }
        assertThat(observer.post("/api/v1/accreditation/applications/" + mine.get("id").asLong() + "/account-invitations",
                Map.of()).status()).isEqualTo(403);
        assertThat(officer.get("/api/v1/accreditation/my/accreditation").status()).isEqualTo(403);
        assertThat(anonymous.get("/api/v1/accreditation/my/accreditation").status()).isEqualTo(401);
    }
}
