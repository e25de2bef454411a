package org.electora.accreditation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.electora.support.Api;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.QrCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Organisations, applications, review and badges over real HTTP, as the accreditation officer and others. */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccreditationApiTest {

    private static final String PASSWORD = "correct horse battery";
    private static final AtomicInteger SEQ = new AtomicInteger();

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    private Api admin;
    private Api officer;
    private final LocalDate today = LocalDate.now();

    @BeforeAll
    void staff() {
        admin = Api.admin(port);
        createStaff("acc-officer", "ACCREDITATION_OFFICER", "NATIONAL", null);
        officer = Api.as(port, "acc-officer", PASSWORD);
    }

    private void createStaff(String username, String role, String scopeKind, Long scopeId) {
        Map<String, Object> body = new HashMap<>(Map.of("username", username, "displayName", username, "role", role,
                "scopeKind", scopeKind, "password", PASSWORD));
        body.put("scopeId", scopeId);
        assertThat(admin.post("/api/v1/staff", body).status()).isEqualTo(201);
    }

    private long organisation(String name, Integer quota) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name + " " + SEQ.incrementAndGet(), "kind", "INTERNATIONAL_ORGANISATION",
                "country", "AT", "headOfMission", "Anna Berger", "contactEmail", "mission@example.org",
                "arrivalDate", today.minusDays(1).toString(), "departureDate", today.plusDays(30).toString()));
        body.put("quota", quota);
        Api.Response r = officer.post("/api/v1/accreditation/organisations", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long id = r.json().get("id").asLong();
        // An international organisation's members apply once it accepted the ministry's invitation (ACC-118).
        AccreditationData.acceptedInvitation(officer, id);
        return id;
    }

    private static String document() {
        return "P" + (10_000_000 + SEQ.incrementAndGet());
    }

    private Api.Response apply(long organisationId, String document, String nationality) {
        return officer.post("/api/v1/accreditation/applications", Map.of("organisationId", organisationId,
                "category", "OBSERVER", "givenNames", "Gülnarə", "familyName", "Əliyeva", "documentNumber", document,
                "nationality", nationality, "languages", List.of("en", "ru")));
    }

    private JsonNode decide(long id, String action, String reason, Map<String, Object> extra) {
        int version = officer.get("/api/v1/accreditation/applications/" + id).json().get("version").asInt();
        Map<String, Object> body = new LinkedHashMap<>(extra);
        body.put("action", action);
        body.put("reason", reason);
        body.put("version", version);
        Api.Response r = officer.post("/api/v1/accreditation/applications/" + id + "/decisions", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** Submitted, reviewed, approved and issued: the badge's application as JSON. */
    private JsonNode issuedBadge(Map<String, Object> validity) {
        long org = organisation("Badge mission", null);
        long id = apply(org, document(), "DE").json().get("id").asLong();
        decide(id, "START_REVIEW", null, Map.of());
        decide(id, "APPROVE", null, Map.of());
        return decide(id, "ISSUE_BADGE", null, validity);
    }

    private JsonNode verify(String token) {
        Api.Response r = Api.anonymous(port).get("/api/v1/public/accreditation/verify?token=" + token);
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    @Test
    void anApplicationBeyondTheOrganisationsQuotaIsRefusedWithAcc010() {
        long org = organisation("Quota mission", 2);
        assertThat(apply(org, document(), "FR").status()).isEqualTo(201);
        assertThat(apply(org, document(), "FR").status()).isEqualTo(201);

        Api.Response third = apply(org, document(), "FR");

        assertThat(third.status()).isEqualTo(409);
        assertThat(third.json().get("ruleCode").asString()).isEqualTo("ACC-010");
    }

    @Test
    void aRejectedApplicationFreesItsPlaceInTheQuota() {
        long org = organisation("Quota freed", 1);
        long first = apply(org, document(), "FR").json().get("id").asLong();
        assertThat(apply(org, document(), "FR").status()).isEqualTo(409);

        decide(first, "REJECT", "not on the invitation list", Map.of());

        assertThat(apply(org, document(), "FR").status()).isEqualTo(201);
    }

    @Test
    void theSamePersonThroughTwoOrganisationsIsDetectedWithAcc011() {
        String document = document();
        long osce = organisation("Two-org A", null);
        long cis = organisation("Two-org B", null);
        assertThat(apply(osce, document, "PL").status()).isEqualTo(201);

        Api.Response again = apply(cis, document.toLowerCase(), "pl");
        Api.Response sameOrganisation = apply(osce, document, "PL");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("ruleCode").asString()).isEqualTo("ACC-011");
        assertThat(again.json().get("detail").asString()).contains("Two-org A");
        assertThat(sameOrganisation.json().get("ruleCode").asString()).isEqualTo("ACC-012");
        // the same document number of another country is another person
        assertThat(apply(cis, document, "CZ").status()).isEqualTo(201);
    }

    @Test
    void badInputIsReportedAllAtOnceWithRuleCodes() {
        Api.Response r = officer.post("/api/v1/accreditation/applications", Map.of("organisationId", 1, "category", "OBSERVER",
                "givenNames", " ", "familyName", "X", "documentNumber", "!!", "nationality", "XX", "languages", List.of("english")));

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("problems").valueStream().map(p -> p.get("ruleCode").asString()).toList())
                .containsExactlyInAnyOrder("ACC-001", "ACC-006", "ACC-002", "ACC-005");
    }

    @Test
    void everyReviewStepIsAuditedWithItsActorAndForbiddenStepsAre409() {
        JsonNode issued = issuedBadge(Map.of());
        long id = issued.get("id").asLong();
        assertThat(issued.get("status").asString()).isEqualTo("BADGE_ISSUED");
        assertThat(issued.get("badgeNumber").asString()).matches("O-\\d{6}");
        assertThat(issued.get("validUntil").asString()).isEqualTo(today.plusDays(30).toString());

        Map<String, Object> stale = Map.of("action", "REVOKE", "reason", "x", "version", 0);
        assertThat(officer.post("/api/v1/accreditation/applications/" + id + "/decisions", stale).json()
                .get("ruleCode").asString()).isEqualTo("ACC-409");
        Map<String, Object> approveAgain = Map.of("action", "APPROVE", "version", issued.get("version").asInt());
        Api.Response refused = officer.post("/api/v1/accreditation/applications/" + id + "/decisions", approveAgain);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("ruleCode").asString()).isEqualTo("ACC-020");
        Map<String, Object> noReason = Map.of("action", "REVOKE", "version", issued.get("version").asInt());
        assertThat(officer.post("/api/v1/accreditation/applications/" + id + "/decisions", noReason).json()
                .get("ruleCode").asString()).isEqualTo("ACC-021");

        List<Map<String, Object>> events = jdbc.sql("""
                        SELECT type, actor FROM audit_event WHERE subject = ? ORDER BY intake_id""")
                .param("accreditation-application:" + id).query().listOfRows();
        assertThat(events).extracting(e -> e.get("type") + " by " + e.get("actor")).containsExactly(
                "accreditation.application.submitted by acc-officer",
                "accreditation.application.start_review by acc-officer",
                "accreditation.application.approve by acc-officer",
                "accreditation.application.issue_badge by acc-officer");
    }

    @Test
    void anIssuedBadgeVerifiesAndTheSamePayloadWithOneCharacterChangedDoesNot() {
        String token = issuedBadge(Map.of()).get("credential").asString();

        JsonNode valid = verify(token);
        assertThat(valid.get("result").asString()).isEqualTo("VALID");
        assertThat(valid.get("name").asString()).isEqualTo("ƏLIYEVA Gülnarə");
        assertThat(valid.get("category").asString()).isEqualTo("OBSERVER");

        String[] parts = token.split("\\.");
        int middle = parts[1].length() / 2;
        char changed = parts[1].charAt(middle) == 'A' ? 'B' : 'A';
        String tampered = parts[0] + "." + parts[1].substring(0, middle) + changed + parts[1].substring(middle + 1) + "." + parts[2];

        JsonNode notValid = verify(tampered);
        assertThat(notValid.get("result").asString()).isEqualTo("NOT_VALID");
        assertThat(notValid.get("reason").asString()).isEqualTo("BAD_SIGNATURE");
        assertThat(notValid.has("name")).isFalse();
        assertThat(verify("not-a-badge").get("reason").asString()).isEqualTo("MALFORMED");
    }

    @Test
    void aTokenSignedByAKeyTheCommissionNeverPublishedIsNotValid() throws Exception {
        String genuine = issuedBadge(Map.of()).get("credential").asString();
        OctetKeyPair forger = new OctetKeyPairGenerator(Curve.Ed25519).keyIDFromThumbprint(true).generate();
        JWSObject forged = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(forger.getKeyID()).build(),
                new Payload(JWSObject.parse(genuine).getPayload().toJSONObject()));
        forged.sign(new Ed25519Signer(forger));

        assertThat(verify(forged.serialize()).get("reason").asString()).isEqualTo("UNKNOWN_KEY");

        // and a forger who copies the commission's kid fails on the signature
        String kid = JWSObject.parse(genuine).getHeader().getKeyID();
        JWSObject copiedKid = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(kid).build(),
                new Payload(JWSObject.parse(genuine).getPayload().toJSONObject()));
        copiedKid.sign(new Ed25519Signer(forger));
        assertThat(verify(copiedKid.serialize()).get("reason").asString()).isEqualTo("BAD_SIGNATURE");
    }

    @Test
    void aRevokedBadgeAnswersRevokedAndIsOnTheRevocationList() {
        JsonNode issued = issuedBadge(Map.of());
        String token = issued.get("credential").asString();
        assertThat(verify(token).get("result").asString()).isEqualTo("VALID");

        JsonNode revoked = decide(issued.get("id").asLong(), "REVOKE", "left the mission", Map.of());

        assertThat(revoked.get("status").asString()).isEqualTo("REVOKED");
        JsonNode answer = verify(token);
        assertThat(answer.get("result").asString()).isEqualTo("NOT_VALID");
        assertThat(answer.get("reason").asString()).isEqualTo("REVOKED");
        assertThat(officer.getBytes("/api/v1/accreditation/badges/" + issued.get("badgeNumber").asString() + ".pdf").status())
                .isEqualTo(409);
        assertThat(Api.anonymous(port).get("/api/v1/public/accreditation/revocations").json().get("revoked").valueStream()
                .map(JsonNode::asString).toList()).contains(issued.get("badgeNumber").asString());
    }

    @Test
    void aBadgePastItsValidityAnswersExpired() {
        String token = issuedBadge(Map.of("validFrom", today.minusDays(10).toString(), "validUntil", today.minusDays(2).toString()))
                .get("credential").asString();

        assertThat(verify(token).get("reason").asString()).isEqualTo("EXPIRED");
    }

    @Test
    void keyRotationKeepsEarlierBadgesVerifiableAndSignsNewOnesWithTheNewKey() throws Exception {
        String before = issuedBadge(Map.of()).get("credential").asString();
        String oldKid = JWSObject.parse(before).getHeader().getKeyID();

        Api.Response rotation = admin.post("/api/v1/accreditation/keys/rotation", Map.of());
        assertThat(rotation.status()).as(rotation.body()).isEqualTo(201);
        String newKid = rotation.json().get("kid").asString();
        String after = issuedBadge(Map.of()).get("credential").asString();

        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(JWSObject.parse(after).getHeader().getKeyID()).isEqualTo(newKid);
        assertThat(verify(before).get("result").asString()).isEqualTo("VALID");
        assertThat(verify(after).get("result").asString()).isEqualTo("VALID");
        Api.Response jwks = Api.anonymous(port).get("/api/v1/public/accreditation/keys");
        List<JsonNode> keys = jwks.json().get("keys").valueStream().toList();
        assertThat(keys).extracting(k -> k.get("kid").asString()).contains(oldKid, newKid);
        assertThat(keys).allSatisfy(k -> {
            assertThat(k.get("kty").asString()).isEqualTo("OKP");
            assertThat(k.get("crv").asString()).isEqualTo("Ed25519");
            assertThat(k.has("d")).as("private key published").isFalse();
        });
        assertThat(officer.post("/api/v1/accreditation/keys/rotation", Map.of()).status()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT sealed_private_jwk FROM accreditation_signing_key").query(String.class).list())
                .as("private keys are sealed, never stored as plain JWK").allSatisfy(sealed ->
                        assertThat(sealed).startsWith("A256GCM.").doesNotContain("\"d\"").doesNotContain("Ed25519"));
    }

    @Test
    void theBadgePdfShowsTheHolderAndItsQrCodeDecodesToTheSameToken() throws Exception {
        JsonNode issued = issuedBadge(Map.of());
        String number = issued.get("badgeNumber").asString();

        Api.Bytes pdf = officer.getBytes("/api/v1/accreditation/badges/" + number + ".pdf");

        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("ƏLIYEVA Gülnarə", "Badge mission", "OBSERVER", number,
                    today.minusDays(1).toString(), today.plusDays(30).toString());
            assertThat(QrCodes.read(doc, 0)).isEqualTo(issued.get("credential").asString());
        }
        assertThat(officer.getBytes("/api/v1/accreditation/badges/O-999999.pdf").status()).isEqualTo(404);
    }

    @Test
    void officerEndpointsNeedAnAccreditationOfficerAndPublicOnesAreOpen() {
        long org = organisation("Authz mission", null);
        createStaff("acc-observer", "OBSERVER", "ORGANISATION", org);
        Api observer = Api.as(port, "acc-observer", PASSWORD);
        Api anonymous = Api.anonymous(port);
        JsonNode issued = issuedBadge(Map.of());
        List<String> officerReads = List.of("/api/v1/accreditation/organisations", "/api/v1/accreditation/organisations/" + org,
                "/api/v1/accreditation/organisations/" + org + "/applications",
                "/api/v1/accreditation/applications/" + issued.get("id").asLong(), "/api/v1/accreditation/lifecycle",
                "/api/v1/accreditation/badges/" + issued.get("badgeNumber").asString() + ".pdf");

        for (String path : officerReads) {
            assertThat(anonymous.getBytes(path).status()).as("anonymous " + path).isEqualTo(401);
            assertThat(observer.getBytes(path).status()).as("observer " + path).isEqualTo(403);
            assertThat(officer.getBytes(path).status()).as("officer " + path).isEqualTo(200);
        }
        Map<String, Object> application = Map.of("organisationId", org, "category", "OBSERVER", "givenNames", "A",
                "familyName", "B", "documentNumber", document(), "nationality", "AT");
        assertThat(anonymous.post("/api/v1/accreditation/applications", application).status()).isEqualTo(401);
        assertThat(observer.post("/api/v1/accreditation/applications", application).status()).isEqualTo(403);
        assertThat(observer.post("/api/v1/accreditation/organisations", Map.of("name", "x")).status()).isEqualTo(403);
        assertThat(observer.post("/api/v1/accreditation/keys/rotation", Map.of()).status()).isEqualTo(403);
        assertThat(anonymous.get("/api/v1/public/accreditation/keys").status()).isEqualTo(200);
        assertThat(anonymous.get("/api/v1/public/accreditation/revocations").status()).isEqualTo(200);
        assertThat(anonymous.get("/api/v1/public/accreditation/verify?token=" + issued.get("credential").asString())
                .json().get("result").asString()).isEqualTo("VALID");
    }
}
