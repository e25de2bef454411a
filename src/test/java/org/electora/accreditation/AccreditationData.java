package org.electora.accreditation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.electora.support.Api;

/**
 * Builds organisations and applications through the officer's API for the report tests, every name and document
 * number unique to the run (the database is shared by every test).
 */
final class AccreditationData {

    /** The zone the accreditation reports and the liaison log date things in (electora.accreditation.zone). */
    static final java.time.ZoneId COMMISSION_ZONE = java.time.ZoneId.of("Asia/Baku");

    /** Today as the application sees it: after 20:00 UTC, Baku is already a day ahead of the JVM's UTC date. */
    static LocalDate today() {
        return LocalDate.now(COMMISSION_ZONE);
    }


    static final String PASSWORD = "reports password 1";

    private final Api officer;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private int seq;

    AccreditationData(Api officer) {
        this.officer = officer;
    }

    /** Signs in an accreditation officer created for this run. */
    static AccreditationData asNewOfficer(int port) {
        Api admin = Api.admin(port);
        String username = "acc-reports-" + UUID.randomUUID().toString().substring(0, 8);
        createStaff(admin, username, "ACCREDITATION_OFFICER", "NATIONAL", null);
        return new AccreditationData(Api.as(port, username, PASSWORD));
    }

    static void createStaff(Api admin, String username, String role, String scopeKind, Long scopeId) {
        admin.createStaff(username, role, scopeKind, scopeId, PASSWORD);
    }

    Api officer() {
        return officer;
    }

    String run() {
        return run;
    }

    record Org(long id, String name, String headOfMission, String email) {
    }

    Org organisation(String name, String kind, String country) {
        String unique = name + " " + run + "-" + (++seq);
        String head = "Headof Mission" + run + seq;
        String email = "contact-" + run + "-" + seq + "@example.org";
        Api.Response r = officer.post("/api/v1/accreditation/organisations", Map.of("name", unique, "kind", kind,
                "country", country, "headOfMission", head, "contactEmail", email, "contactName", "Contact Person" + run,
                "arrivalDate", LocalDate.now().minusDays(1).toString(), "departureDate", LocalDate.now().plusDays(20).toString()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long id = r.json().get("id").asLong();
        if (INVITED_KINDS.contains(kind)) {
            acceptedInvitation(officer, id);
        }
        return new Org(id, unique, head, email);
    }

    /** Kinds whose members apply only once the organisation accepted the ministry's invitation (ACC-118). */
    static final java.util.Set<String> INVITED_KINDS = java.util.Set.of("INTERNATIONAL_ORGANISATION", "FOREIGN_ELECTION_BODY",
            "FOREIGN_STATE_DELEGATION");

    /** Records the ministry's invitation to the organisation and its acceptance. */
    static void acceptedInvitation(Api officer, long organisationId) {
        LocalDate today = LocalDate.now();
        Api.Response invitation = officer.post("/api/v1/accreditation/organisations/" + organisationId + "/invitations", Map.of(
                "sentBy", "Deputy Minister", "sentOn", today.minusDays(20).toString(), "channel", "DIPLOMATIC_NOTE"));
        assertThat(invitation.status()).as(invitation.body()).isEqualTo(201);
        Api.Response reply = officer.post("/api/v1/accreditation/invitations/" + invitation.json().get("id").asLong() + "/reply",
                Map.of("reply", "ACCEPTED", "replyDate", today.minusDays(15).toString(), "version", 0));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    record Person(long id, String givenNames, String familyName, String documentNumber) {
    }

    /** An application moved along the lifecycle up to {@code status}: SUBMITTED … BADGE_ISSUED, REJECTED, REVOKED. */
    Person person(Org org, String category, String nationality, String status) {
        seq++;
        String given = "Givenname" + run + "x" + seq;
        String family = "Ƒamilyname" + run + "y" + seq;
        String document = ("D" + run + seq).toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        Api.Response r = officer.post("/api/v1/accreditation/applications", Map.of("organisationId", org.id(),
                "category", category, "givenNames", given, "familyName", family, "documentNumber", document,
                "nationality", nationality, "languages", List.of("en")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long id = r.json().get("id").asLong();
        List<String> path = switch (status) {
            case "SUBMITTED" -> List.of();
            case "UNDER_REVIEW" -> List.of("START_REVIEW");
            case "APPROVED" -> List.of("START_REVIEW", "APPROVE");
            case "BADGE_ISSUED" -> List.of("START_REVIEW", "APPROVE", "ISSUE_BADGE");
            case "REJECTED" -> List.of("START_REVIEW", "REJECT");
            case "REVOKED" -> List.of("START_REVIEW", "APPROVE", "ISSUE_BADGE", "REVOKE");
            case "EXPIRED" -> List.of("START_REVIEW", "APPROVE", "ISSUE_BADGE", "EXPIRE");
            default -> throw new IllegalArgumentException(status);
        };
        for (String action : path) {
            decide(id, action);
        }
        return new Person(id, given, family, document);
    }

    private void decide(long id, String action) {
        int version = officer.get("/api/v1/accreditation/applications/" + id).json().get("version").asInt();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", action);
        body.put("reason", "REJECT".equals(action) || "REVOKE".equals(action) ? "stated grounds" : null);
        body.put("version", version);
        Api.Response r = officer.post("/api/v1/accreditation/applications/" + id + "/decisions", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
}
