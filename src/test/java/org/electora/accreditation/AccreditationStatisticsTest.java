package org.electora.accreditation;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.electora.support.Api;
import org.electora.support.ElectoraIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard's figures on known data. The database is shared, so the test reads the figures, adds a known set
 * of applications, reads them again and checks every difference; the nationalities it uses are chosen among those
 * nobody has applied with yet, so that the headline's country count must grow by exactly their number.
 */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccreditationStatisticsTest {

    private static final List<String> CANDIDATE_COUNTRIES = List.of("ZW", "KZ", "UY", "MN", "NP", "BT", "TV", "NR", "PW",
            "KI", "VU", "WS", "TO", "FJ", "SB", "MH", "FM", "LS", "SZ", "BW", "NA", "MW", "ZM", "MZ");

    @LocalServerPort int port;

    private AccreditationData data;
    private JsonNode before;
    private JsonNode after;
    private String n1;
    private String n2;
    private String n3;
    private AccreditationData.Org mission;
    private AccreditationData.Org electionBody;
    private AccreditationData.Org ngo;
    private AccreditationData.Org outlet;

    @BeforeAll
    void knownData() {
        data = AccreditationData.asNewOfficer(port);
        before = statistics(data.officer(), "en");
        Set<String> used = new HashSet<>();
        before.get("byCountry").forEach(c -> used.add(c.get("key").asString()));
        List<String> fresh = new ArrayList<>(CANDIDATE_COUNTRIES.stream().filter(c -> !used.contains(c)).toList());
        assertThat(fresh).as("unused nationalities to test with").hasSizeGreaterThanOrEqualTo(3);
        n1 = fresh.get(0);
        n2 = fresh.get(1);
        n3 = fresh.get(2);
        mission = data.organisation("Stats mission", "INTERNATIONAL_ORGANISATION", "AT");
        electionBody = data.organisation("Stats election body", "FOREIGN_ELECTION_BODY", "KZ");
        ngo = data.organisation("Stats NGO", "DOMESTIC_NGO", "AZ");
        outlet = data.organisation("Stats outlet", "FOREIGN_MEDIA_OUTLET", "GB");
        data.person(mission, "OBSERVER", n1, "BADGE_ISSUED");
        data.person(mission, "OBSERVER", n1, "BADGE_ISSUED");
        data.person(mission, "OBSERVER", n2, "APPROVED");
        data.person(mission, "OBSERVER", n1, "REJECTED");
        data.person(mission, "OBSERVER", n1, "SUBMITTED");
        data.person(electionBody, "OBSERVER", n3, "EXPIRED");
        data.person(electionBody, "TECHNICAL_STAFF", n3, "BADGE_ISSUED");
        // domestic observers are accredited but are not "international observers"
        data.person(ngo, "OBSERVER", "AZ", "BADGE_ISSUED");
        data.person(ngo, "OBSERVER", "AZ", "BADGE_ISSUED");
        data.person(outlet, "JOURNALIST", "GB", "BADGE_ISSUED");
        data.person(outlet, "JOURNALIST", "GB", "BADGE_ISSUED");
        data.person(outlet, "JOURNALIST", "GB", "REVOKED");
        after = statistics(data.officer(), "en");
    }

    private static JsonNode statistics(Api api, String lang) {
        Api.Response r = api.get("/api/v1/accreditation/statistics?lang=" + lang);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private long delta(String... path) {
        return at(after, path) - at(before, path);
    }

    private static long at(JsonNode node, String... path) {
        JsonNode n = node;
        for (String p : path) {
            n = n == null ? null : n.get(p);
        }
        return n == null ? 0 : n.asLong();
    }

    private static JsonNode keyed(JsonNode list, String key) {
        for (JsonNode n : list) {
            if (n.get("key").asString().equals(key)) {
                return n;
            }
        }
        return null;
    }

    private long delta(String dimension, String key, String field) {
        JsonNode a = keyed(after.get(dimension), key);
        JsonNode b = keyed(before.get(dimension), key);
        return (a == null ? 0 : a.get(field).asLong()) - (b == null ? 0 : b.get(field).asLong());
    }

    @Test
    void countsEveryApplicationByStatusAndTheAccreditedAmongThem() {
        assertThat(delta("applications")).isEqualTo(12);
        assertThat(delta("accredited")).as("7 badges, 1 approved, 1 expired").isEqualTo(9);
        assertThat(delta("byStatus", "BADGE_ISSUED")).isEqualTo(7);
        assertThat(delta("byStatus", "APPROVED")).isEqualTo(1);
        assertThat(delta("byStatus", "EXPIRED")).isEqualTo(1);
        assertThat(delta("byStatus", "REJECTED")).isEqualTo(1);
        assertThat(delta("byStatus", "REVOKED")).isEqualTo(1);
        assertThat(delta("byStatus", "SUBMITTED")).isEqualTo(1);
        assertThat(delta("byStatus", "UNDER_REVIEW")).isZero();
        long sum = 0;
        for (var e : after.get("byStatus").properties()) {
            sum += e.getValue().asLong();
        }
        assertThat(sum).isEqualTo(after.get("applications").asLong());
    }

    @Test
    void splitsApplicationsByCategoryKindAndNationality() {
        assertThat(delta("byCategory", "OBSERVER", "applications")).isEqualTo(8);
        assertThat(delta("byCategory", "OBSERVER", "accredited")).isEqualTo(6);
        assertThat(delta("byCategory", "JOURNALIST", "applications")).isEqualTo(3);
        assertThat(delta("byCategory", "JOURNALIST", "accredited")).isEqualTo(2);
        assertThat(delta("byCategory", "TECHNICAL_STAFF", "accredited")).isEqualTo(1);
        assertThat(delta("byOrganisationKind", "INTERNATIONAL_ORGANISATION", "applications")).isEqualTo(5);
        assertThat(delta("byOrganisationKind", "FOREIGN_ELECTION_BODY", "accredited")).isEqualTo(2);
        assertThat(delta("byOrganisationKind", "DOMESTIC_NGO", "accredited")).isEqualTo(2);
        JsonNode first = keyed(after.get("byCountry"), n1);
        assertThat(first.get("applications").asLong()).as("a fresh nationality: exact").isEqualTo(4);
        assertThat(first.get("accredited").asLong()).isEqualTo(2);
        assertThat(first.get("byStatus").get("REJECTED").asLong()).isEqualTo(1);
        assertThat(keyed(after.get("byCountry"), n3).get("accredited").asLong()).isEqualTo(2);
        assertThat(delta("byCountry", "GB", "applications")).isEqualTo(3);
    }

    @Test
    void showsEachOrganisationWithItsApplicationsByStatus() {
        JsonNode m = null;
        for (JsonNode o : after.get("byOrganisation")) {
            if (o.get("id").asLong() == mission.id()) {
                m = o;
            }
        }
        assertThat(m).isNotNull();
        assertThat(m.get("name").asString()).isEqualTo(mission.name());
        assertThat(m.get("kind").asString()).isEqualTo("INTERNATIONAL_ORGANISATION");
        assertThat(m.get("applications").asLong()).isEqualTo(5);
        assertThat(m.get("accredited").asLong()).isEqualTo(3);
        assertThat(m.get("byStatus").get("BADGE_ISSUED").asLong()).isEqualTo(2);
        assertThat(m.get("byStatus").get("SUBMITTED").asLong()).isEqualTo(1);
        List<Long> sizes = new ArrayList<>();
        after.get("byOrganisation").forEach(o -> sizes.add(o.get("applications").asLong()));
        assertThat(sizes).as("largest first").isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void theHeadlineCountsInternationalObserversTheirOrganisationsAndNationalities() {
        JsonNode h0 = before.get("headline");
        JsonNode h1 = after.get("headline");
        // mission: 2 badges + 1 approved; election body: 1 expired. The NGO's observers are domestic.
        assertThat(h1.get("internationalObservers").asLong() - h0.get("internationalObservers").asLong()).isEqualTo(4);
        assertThat(h1.get("organisations").asLong() - h0.get("organisations").asLong()).isEqualTo(2);
        assertThat(h1.get("countries").asLong() - h0.get("countries").asLong()).as(n1 + ", " + n2 + ", " + n3).isEqualTo(3);
        assertThat(h1.get("foreignJournalists").asLong() - h0.get("foreignJournalists").asLong()).isEqualTo(2);
        assertThat(h1.get("foreignOutlets").asLong() - h0.get("foreignOutlets").asLong()).isEqualTo(1);
        NumberFormat n = NumberFormat.getIntegerInstance(Locale.ENGLISH);
        assertThat(after.get("headlineSentence").asString()).isEqualTo(n.format(h1.get("internationalObservers").asLong())
                + " international observers from " + n.format(h1.get("organisations").asLong()) + " organisations and "
                + n.format(h1.get("countries").asLong()) + " countries");
    }

    @Test
    void theHeadlineSentenceComesInAzerbaijaniAndRussian() {
        JsonNode h = statistics(data.officer(), "az").get("headline");
        NumberFormat az = NumberFormat.getIntegerInstance(Locale.of("az"));
        NumberFormat ru = NumberFormat.getIntegerInstance(Locale.of("ru"));
        assertThat(statistics(data.officer(), "az").get("headlineSentence").asString())
                .isEqualTo(az.format(h.get("organisations").asLong()) + " təşkilatdan və " + az.format(h.get("countries").asLong())
                        + " ölkədən " + az.format(h.get("internationalObservers").asLong()) + " beynəlxalq müşahidəçi");
        assertThat(statistics(data.officer(), "ru").get("headlineSentence").asString())
                .isEqualTo("Международных наблюдателей: " + ru.format(h.get("internationalObservers").asLong()) + " — из "
                        + ru.format(h.get("organisations").asLong()) + " организаций и " + ru.format(h.get("countries").asLong()) + " стран");
    }

    @Test
    void anUnknownLanguageIsRefusedWithAcc170() {
        Api.Response r = data.officer().get("/api/v1/accreditation/statistics?lang=fr");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("ruleCode").asString()).isEqualTo("ACC-170");
    }
}
