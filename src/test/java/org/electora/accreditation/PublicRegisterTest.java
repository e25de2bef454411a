package org.electora.accreditation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.electora.support.Api;
import org.electora.support.ElectoraIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The public register of accreditation (page, CSV, JSON) over real HTTP without signing in: what it counts, that
 * nothing personal leaves through it, that its CSV and JSON agree, and that its ETags revalidate.
 */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicRegisterTest {

    @LocalServerPort int port;

    private AccreditationData data;
    private Api anonymous;
    private AccreditationData.Org osce;
    private AccreditationData.Org media;
    private AccreditationData.Org rejectedOnly;
    private final List<AccreditationData.Person> people = new ArrayList<>();

    @BeforeAll
    void accredit() {
        data = AccreditationData.asNewOfficer(port);
        anonymous = Api.anonymous(port);
        osce = data.organisation("Register mission", "INTERNATIONAL_ORGANISATION", "AT");
        media = data.organisation("Register outlet", "FOREIGN_MEDIA_OUTLET", "DE");
        rejectedOnly = data.organisation("Register rejected", "FOREIGN_STATE_DELEGATION", "FR");
        people.add(data.person(osce, "OBSERVER", "PL", "BADGE_ISSUED"));
        people.add(data.person(osce, "OBSERVER", "PL", "APPROVED"));
        people.add(data.person(osce, "OBSERVER", "CZ", "EXPIRED"));
        people.add(data.person(osce, "TECHNICAL_STAFF", "AT", "BADGE_ISSUED"));
        people.add(data.person(osce, "OBSERVER", "HU", "REVOKED"));
        people.add(data.person(osce, "OBSERVER", "SK", "UNDER_REVIEW"));
        people.add(data.person(media, "JOURNALIST", "DE", "BADGE_ISSUED"));
        people.add(data.person(media, "JOURNALIST", "DE", "SUBMITTED"));
        people.add(data.person(rejectedOnly, "OBSERVER", "FR", "REJECTED"));
    }

    private JsonNode registerJson() {
        Api.Response r = anonymous.get("/open-data/accreditation/register.json");
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    private static JsonNode row(JsonNode json, String name) {
        for (JsonNode o : json.get("organisations")) {
            if (o.get("name").asString().equals(name)) {
                return o;
            }
        }
        return null;
    }

    @Test
    void countsOnlyApprovedBadgedAndExpiredPersonsOfEachOrganisationByCategory() {
        JsonNode json = registerJson();
        JsonNode mission = row(json, osce.name());
        assertThat(mission).isNotNull();
        assertThat(mission.get("organisation_id").asLong()).isEqualTo(osce.id());
        assertThat(mission.get("kind").asString()).isEqualTo("INTERNATIONAL_ORGANISATION");
        assertThat(mission.get("country").asString()).isEqualTo("AT");
        // badge issued + approved + expired observers; the revoked and the one under review are not accredited
        assertThat(mission.get("observers").asLong()).isEqualTo(3);
        assertThat(mission.get("journalists").asLong()).isZero();
        assertThat(mission.get("technical_staff").asLong()).isEqualTo(1);
        assertThat(mission.get("total").asLong()).isEqualTo(4);
        JsonNode outlet = row(json, media.name());
        assertThat(outlet.get("journalists").asLong()).isEqualTo(1);
        assertThat(outlet.get("total").asLong()).isEqualTo(1);
        assertThat(row(json, rejectedOnly.name())).as("an organisation with nobody accredited is not listed").isNull();
    }

    @Test
    void countsAccreditedPersonsByNationalityAndTotalsAgreeWithTheRows() {
        JsonNode json = registerJson();
        long observers = 0;
        long total = 0;
        for (JsonNode c : json.get("countries")) {
            observers += c.get("observers").asLong();
            total += c.get("total").asLong();
            assertThat(c.get("total").asLong()).isEqualTo(c.get("observers").asLong() + c.get("journalists").asLong()
                    + c.get("technical_staff").asLong());
        }
        assertThat(json.get("totals").get("observers").asLong()).isEqualTo(observers);
        assertThat(json.get("totals").get("total").asLong()).isEqualTo(total);
        long byOrganisation = 0;
        for (JsonNode o : json.get("organisations")) {
            byOrganisation += o.get("total").asLong();
        }
        assertThat(byOrganisation).as("every accredited person belongs to exactly one organisation").isEqualTo(total);
        assertThat(countryCodes(json)).contains("PL", "CZ", "AT", "DE").isSorted();
    }

    private static List<String> countryCodes(JsonNode json) {
        List<String> codes = new ArrayList<>();
        json.get("countries").forEach(c -> codes.add(c.get("country").asString()));
        return codes;
    }

    @Test
    void noPublicOutputCarriesApplicantsNamesDocumentNumbersOrContacts() {
        List<String> outputs = new ArrayList<>();
        for (String lang : List.of("en", "az", "ru")) {
            Api.Response page = anonymous.get("/open-data/accreditation?lang=" + lang);
            assertThat(page.status()).isEqualTo(200);
            outputs.add(page.body());
        }
        for (String path : List.of("/open-data/accreditation/organisations.csv", "/open-data/accreditation/countries.csv",
                "/open-data/accreditation/register.json", "/api/v1/public/accreditation/keys",
                "/api/v1/public/accreditation/revocations")) {
            Api.Response r = anonymous.get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            outputs.add(r.body());
        }
        assertThat(outputs.getFirst()).contains(osce.name());
        for (String output : outputs) {
            for (AccreditationData.Person p : people) {
                assertThat(output).doesNotContain(p.givenNames()).doesNotContain(p.familyName()).doesNotContain(p.documentNumber());
            }
            for (AccreditationData.Org o : List.of(osce, media, rejectedOnly)) {
                assertThat(output).doesNotContain(o.headOfMission()).doesNotContain(o.email());
            }
            assertThat(output).doesNotContain("Contact Person" + data.run());
        }
    }

    @Test
    void csvFilesAndJsonCarryTheSameRowsInTheSameOrder() throws Exception {
        JsonNode json = registerJson();
        List<CSVRecord> organisations = csv("/open-data/accreditation/organisations.csv");
        assertThat(organisations.getFirst().values()).containsExactly("organisation_id", "name", "kind", "country",
                "observers", "journalists", "technical_staff", "total");
        assertThat(organisations).hasSize(json.get("organisations").size() + 1);
        for (int i = 0; i < json.get("organisations").size(); i++) {
            JsonNode o = json.get("organisations").get(i);
            CSVRecord r = organisations.get(i + 1);
            assertThat(r.values()).containsExactly(o.get("organisation_id").asString(), o.get("name").asString(),
                    o.get("kind").asString(), o.get("country").asString(), o.get("observers").asString(),
                    o.get("journalists").asString(), o.get("technical_staff").asString(), o.get("total").asString());
        }
        List<CSVRecord> countries = csv("/open-data/accreditation/countries.csv");
        assertThat(countries.getFirst().values()).containsExactly("country", "observers", "journalists", "technical_staff", "total");
        assertThat(countries).hasSize(json.get("countries").size() + 1);
        for (int i = 0; i < json.get("countries").size(); i++) {
            JsonNode c = json.get("countries").get(i);
            assertThat(countries.get(i + 1).values()).containsExactly(c.get("country").asString(), c.get("observers").asString(),
                    c.get("journalists").asString(), c.get("technical_staff").asString(), c.get("total").asString());
        }
        List<String> names = new ArrayList<>();
        organisations.stream().skip(1).forEach(r -> names.add(r.get(1)));
        assertThat(names).as("organisations by name").isSortedAccordingTo(String::compareTo);
    }

    private List<CSVRecord> csv(String path) throws Exception {
        Api.Response r = anonymous.get(path);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        return CSVFormat.DEFAULT.parse(new StringReader(r.body())).getRecords();
    }

    @Test
    void publishesEveryKeyWithAFingerprintMatchingTheJwks() {
        JsonNode json = registerJson();
        JsonNode jwks = anonymous.get("/api/v1/public/accreditation/keys").json();
        List<String> kids = new ArrayList<>();
        jwks.get("keys").forEach(k -> kids.add(k.get("kid").asString()));
        List<String> listed = new ArrayList<>();
        json.get("keys").forEach(k -> {
            listed.add(k.get("kid").asString());
            assertThat(k.get("fingerprint").asString()).matches("([0-9A-F]{4} ){15}[0-9A-F]{4}");
        });
        assertThat(listed).containsExactlyElementsOf(kids);
        assertThat(json.get("jwks").asString()).isEqualTo("/api/v1/public/accreditation/keys");
        String page = anonymous.get("/open-data/accreditation").body();
        assertThat(page).contains(kids.getFirst()).contains(json.get("keys").get(0).get("fingerprint").asString())
                .contains("href=\"/api/v1/public/accreditation/keys\"");
    }

    @Test
    void anUnchangedRegisterAnswers304AndANewAccreditationChangesTheEtag() {
        for (String path : List.of("/open-data/accreditation/organisations.csv", "/open-data/accreditation/countries.csv",
                "/open-data/accreditation/register.json")) {
            Api.Bytes first = anonymous.getBytes(path);
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertThat(etag).matches("\"[0-9a-f]{64}\"");
            Api.Bytes again = anonymous.getBytes(path);
            assertThat(again.headers().firstValue("ETag")).contains(etag);
            assertThat(again.body()).as("stable order: same contents, same bytes").isEqualTo(first.body());
            assertThat(conditional(path, etag)).isEqualTo(304);
            assertThat(conditional(path, "\"0000\"")).isEqualTo(200);
        }
        String before = anonymous.getBytes("/open-data/accreditation/register.json").headers().firstValue("ETag").orElseThrow();
        data.person(data.organisation("Register etag", "FOREIGN_ELECTION_BODY", "LT"), "OBSERVER", "LT", "APPROVED");
        Api.Bytes after = anonymous.getBytes("/open-data/accreditation/register.json");
        assertThat(after.headers().firstValue("ETag")).isNotEqualTo(java.util.Optional.of(before));
        assertThat(conditional("/open-data/accreditation/register.json", before)).isEqualTo(200);
    }

    private int conditional(String path, String etag) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                    .header("If-None-Match", etag).GET().build();
            return java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void thePageIsInTheReadersLanguageWithCountryNames() {
        assertThat(anonymous.get("/open-data/accreditation?lang=az").body()).contains("Akkreditasiya reyestri").contains("Polşa");
        assertThat(anonymous.get("/open-data/accreditation?lang=ru").body()).contains("Реестр аккредитации").contains("Польша");
        String en = anonymous.get("/open-data/accreditation?lang=en").body();
        assertThat(en).contains("Register of accreditation").contains("Poland").contains(osce.name())
                .contains("/open-data/accreditation/organisations.csv");
    }
}
