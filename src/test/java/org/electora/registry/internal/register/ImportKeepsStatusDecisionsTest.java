package org.electora.registry.internal.register;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import tools.jackson.databind.JsonNode;
import org.electora.geography.PollingStation;
import org.electora.registry.internal.SyntheticPeople;
import org.electora.support.Api;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A later population-register import does not undo the registry's status decisions: a voter merged away stays
 * REMOVED (its row not applied, REG-148 with the line), a death or deprivation the registry recorded is kept (REG-149),
 * and so is a court's restoration against a lagging file; the file is still applied, and again changes nothing.
 */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportKeepsStatusDecisionsTest {

    private static final long SEED = 148_149L;

    @LocalServerPort int port;
    @Autowired ElectionFixture fixture;
    @Autowired RegisterReference reference;
    @Autowired JdbcClient jdbc;

    private final SplittableRandom random = new SplittableRandom(SEED);
    private ElectionFixture.Counting election;
    private PollingStation station;
    private Api admin;
    private String region;
    private String settlement;

    @BeforeAll
    void setUp() {
        election = fixture.election(LocalDate.now().plusDays(45));
        station = election.domestic().getFirst();
        admin = Api.admin(port);
        SeededSettlement first = SeededSettlement.first(reference, jdbc, election.map().id().value());
        region = first.region();
        settlement = first.name();
    }

    @Test
    void aVoterMergedAwayStaysRemovedAndDecidedStatusesStayWhenTheSameFileIsImportedAgain() {
        String removedId = nationalId();
        String survivorId = nationalId();
        String deprivedId = nationalId();
        String deceasedId = nationalId();
        String restoredId = nationalId();
        String file = file(
                row(removedId, "Qarayev", "Elnur", "ACTIVE", "Samad Vurgun street"),    // line 2
                row(survivorId, "Qarayev", "Эльнур", "ACTIVE", "Samad Vurgun street"),  // line 3
                row(deprivedId, "Bagirova", "Sevda", "ACTIVE", "Nizami street"),        // line 4
                row(deceasedId, "Huseynov", "Tural", "ACTIVE", "Nizami street"),        // line 5
                row(restoredId, "Ismayilova", "Nigar", "ACTIVE", "Nizami street"));     // line 6
        JsonNode first = imported(file);
        assertThat(first.get("inserted").asLong()).isEqualTo(5);
        assertThat(first.get("warnings")).isEmpty();
        long removed = voterId(removedId);
        long survivor = voterId(survivorId);
        for (long v : new long[]{removed, survivor}) {
            jdbc.sql("INSERT INTO registration (election_id, voter_id, station_id, reason) VALUES (?, ?, ?, 'RESIDENCE')")
                    .params(election.election().id().value(), v, station.id().value()).update();
        }

        merge(removed, survivor);
        decide(voterId(deprivedId), "DEPRIVE_BY_COURT", "court decision 2-77/2026");
        decide(voterId(deceasedId), "DECLARE_DECEASED", null);
        decide(voterId(restoredId), "DEPRIVE_BY_COURT", "court decision 2-78/2026");
        decide(voterId(restoredId), "RESTORE_BY_COURT", "appeal decision 2a-5/2026");
        List<String> before = snapshot(removedId, survivorId, deprivedId, deceasedId, restoredId);
        List<String> registrationsBefore = registrations(removed);
        assertThat(before.getFirst()).contains("REMOVED|duplicate of " + survivor);

        JsonNode again = imported(file);

        assertThat(again.get("outcome").asString()).isEqualTo("APPLIED");
        assertThat(again.get("inserted").asLong()).isZero();
        assertThat(again.get("updated").asLong()).isZero();
        assertThat(warnings(again)).containsExactly("REG-148@2", "REG-149@4", "REG-149@5");
        assertThat(again.get("warningCounts").get("REG-148").asLong()).isEqualTo(1);
        assertThat(again.get("warningCounts").get("REG-149").asLong()).isEqualTo(2);
        assertThat(snapshot(removedId, survivorId, deprivedId, deceasedId, restoredId)).isEqualTo(before);
        assertThat(registrations(removed)).isEqualTo(registrationsBefore).noneMatch(r -> r.endsWith("ACTIVE"));

        // Re-running is idempotent: the same warnings, nothing changed.
        JsonNode third = imported(file);
        assertThat(third.get("inserted").asLong() + third.get("updated").asLong()).isZero();
        assertThat(warnings(third)).containsExactly("REG-148@2", "REG-149@4", "REG-149@5");
        assertThat(snapshot(removedId, survivorId, deprivedId, deceasedId, restoredId)).isEqualTo(before);
        assertThat(jdbc.sql("SELECT payload FROM audit_event WHERE type = 'register.imported' AND subject = ?")
                .param("register-import:" + third.get("importId").asLong()).query(String.class).single())
                .contains("REG-148", "REG-149");
    }

    @Test
    void aLaggingFileKeepsACourtsRestorationWhileTheRestOfADecidedVotersRowIsAppliedAndNewFactsAreApplied() {
        String restoredId = nationalId();
        String deprivedId = nationalId();
        String importedDeathId = nationalId();
        imported(file(row(restoredId, "Mammadli", "Kamran", "ACTIVE", "Nizami street"),
                row(deprivedId, "Aliyeva", "Gunel", "ACTIVE", "Nizami street"),
                row(importedDeathId, "Safarov", "Ilham", "DECEASED", "Nizami street")));
        decide(voterId(restoredId), "DEPRIVE_BY_COURT", "court decision 2-90/2026");
        decide(voterId(restoredId), "RESTORE_BY_COURT", "appeal decision 2a-9/2026");
        decide(voterId(deprivedId), "DEPRIVE_BY_COURT", "court decision 2-91/2026");

        JsonNode report = imported(file(
                row(restoredId, "Mammadli", "Kamran", "DEPRIVED", "Nizami street"),   // line 2: still the undone status
                row(deprivedId, "Aliyeva", "Gunel", "ACTIVE", "Fuzuli street"),       // line 3: moved house
                row(importedDeathId, "Safarov", "Ilham", "ACTIVE", "Nizami street"))); // line 4: the import's own death undone

        assertThat(warnings(report)).containsExactly("REG-149@2", "REG-149@3");
        assertThat(report.get("updated").asLong()).isEqualTo(2);
        assertThat(status(restoredId)).isEqualTo("ACTIVE|");
        assertThat(status(deprivedId)).isEqualTo("DEPRIVED|court decision 2-91/2026");
        assertThat(jdbc.sql("SELECT street FROM voter WHERE national_id = ?").param(deprivedId).query(String.class).single())
                .isEqualTo("Fuzuli street");
        assertThat(status(importedDeathId)).isEqualTo("ACTIVE|");

        // A new fact after a restoration (the population register reports a death) is applied as usual.
        JsonNode died = imported(file(row(restoredId, "Mammadli", "Kamran", "DECEASED", "Nizami street")));
        assertThat(died.get("warnings")).isEmpty();
        assertThat(status(restoredId)).startsWith("DECEASED|");
    }

    @Test
    void aDeathTheRegistryRecordedInErrorIsUndoneByReinstateNotByAnImport() {
        String id = nationalId();
        String file = file(row(id, "Valiyev", "Orxan", "ACTIVE", "Nizami street"));
        imported(file);
        long voter = voterId(id);
        decide(voter, "DECLARE_DECEASED", null);

        assertThat(warnings(imported(file))).containsExactly("REG-149@2");
        assertThat(status(id)).startsWith("DECEASED|");
        decide(voter, "REINSTATE", null);
        assertThat(status(id)).isEqualTo("ACTIVE|");
        assertThat(imported(file).get("warnings")).isEmpty();
    }

    @Test
    void aFileWithErrorsChangesNothingAndReportsErrorsNotWarnings() {
        String removedId = nationalId();
        String survivorId = nationalId();
        imported(file(row(removedId, "Qasimli", "Anar", "ACTIVE", "Nizami street"),
                row(survivorId, "Qasimli", "Anar", "ACTIVE", "Nizami street")));
        merge(voterId(removedId), voterId(survivorId));
        List<String> before = snapshot(removedId, survivorId);

        var r = admin.postRaw("/api/v1/register/imports", "text/csv", file(
                row(removedId, "Qasimli", "Anar", "ACTIVE", "Nizami street"),
                row(survivorId, "Qasimli", "Anar", "ACTIVE", "Nizami street"),
                nationalId() + ",Bad,Row,,2999-01-01,F," + region + "," + settlement + ",Nizami street,1,,,,ACTIVE,,"));

        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().get("problemCounts").has("REG-007")).isTrue();
        assertThat(r.json().get("warnings")).isEmpty();
        assertThat(snapshot(removedId, survivorId)).isEqualTo(before);
    }

    // --- helpers

    private void merge(long a, long b) {
        long run = jdbc.sql("""
                        INSERT INTO duplicate_run (started_by, status, phase, finished_at) VALUES ('test', 'DONE', 'done', now())
                        RETURNING id""").query(Long.class).single();
        long caseId = jdbc.sql("""
                        INSERT INTO duplicate_case (voter_a, voter_b, weight, probability, comparisons, run_id)
                        VALUES (?, ?, 20, 0.99, '[]'::jsonb, ?) RETURNING id""")
                .params(Math.min(a, b), Math.max(a, b), run).query(Long.class).single();
        var r = admin.post("/api/v1/register/duplicate-cases/" + caseId + "/decision",
                Map.of("decision", "MERGE", "survivorId", b, "note", "one person, two ids"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(status(jdbc.sql("SELECT national_id FROM voter WHERE id = ?").param(a).query(String.class).single()))
                .isEqualTo("REMOVED|duplicate of " + b);
    }

    private void decide(long voter, String action, String decision) {
        var body = new java.util.HashMap<String, Object>(Map.of("action", action, "reason", "registry decision " + action,
                "effectiveDate", LocalDate.now().minusDays(1).toString()));
        body.put("decisionReference", decision);
        var r = admin.post("/api/v1/voters/" + voter + "/status-changes", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private JsonNode imported(String csv) {
        var r = admin.postRaw("/api/v1/register/imports", "text/csv", csv);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private static List<String> warnings(JsonNode report) {
        List<String> found = new ArrayList<>();
        report.get("warnings").forEach(w -> found.add(w.get("ruleCode").asString() + "@" + w.get("line").asInt()));
        return found;
    }

    private String file(String... rows) {
        return RegisterCsv.HEADER + "\n" + String.join("\n", rows) + "\n";
    }

    private String row(String id, String family, String given, String status, String street) {
        String statusFields = "ACTIVE".equals(status) ? "ACTIVE,," : status + ",population register," + LocalDate.now().minusDays(2);
        return id + "," + family + "," + given + ",,1970-03-03,M," + region + "," + settlement + "," + street + ",7,,,,"
                + statusFields;
    }

    /** Everything of the voters a file could change, with their versions. */
    private List<String> snapshot(String... ids) {
        List<String> rows = new ArrayList<>();
        for (String id : ids) {
            rows.add(jdbc.sql("""
                            SELECT concat_ws('|', status, status_reason, status_date, status_decision, family_name, given_name,
                                             street, version) FROM voter WHERE national_id = ?""")
                    .param(id).query(String.class).single());
        }
        return rows;
    }

    private String status(String nationalId) {
        return jdbc.sql("SELECT status || '|' || coalesce(status_decision, status_reason, '') FROM voter WHERE national_id = ?")
                .param(nationalId).query(String.class).single();
    }

    private List<String> registrations(long voter) {
        return jdbc.sql("SELECT id || ' ' || station_id || ' ' || status FROM registration WHERE voter_id = ? ORDER BY id")
                .param(voter).query(String.class).list();
    }

    private long voterId(String nationalId) {
        return jdbc.sql("SELECT id FROM voter WHERE national_id = ?").param(nationalId).query(Long.class).single();
    }

    private String nationalId() {
        String digits = String.format("%08d", random.nextInt(100_000_000));
        return digits + SyntheticPeople.luhn(digits);
    }
}
