package org.electora.platform.internal.security;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.electora.support.Api;
import org.electora.support.ElectoraIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The administrator's staff API refuses an account the staff table could not hold, or one scoped to nothing. */
@ElectoraIntegrationTest
class StaffApiTest {

    private static final String PASSWORD = "staff api password 1";

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;

    private Api admin;
    private String run;

    @BeforeEach
    void signIn() {
        admin = Api.admin(port);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    private Api.Response create(String username, String role, String scopeKind, Long scopeId) {
        Map<String, Object> body = new HashMap<>(Map.of("username", username, "displayName", "Staff " + run,
                "role", role, "scopeKind", scopeKind, "password", PASSWORD));
        body.put("scopeId", scopeId);
        return admin.post("/api/v1/staff", body);
    }

    private long staffCount() {
        return jdbc.queryForObject("SELECT count(*) FROM staff_user", Long.class);
    }

    private long staffCreatedEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE type = 'staff.created'", Long.class);
    }

    private static List<String> codes(Api.Response r) {
        List<String> codes = new ArrayList<>();
        r.json().get("problems").forEach(p -> codes.add(p.get("ruleCode").asString()));
        return codes;
    }

    @Test
    void aUsernameOutsideLowerCaseLettersDigitsAndDotDashUnderscoreOf3To64IsRefusedWithStf003AndNoAccount() {
        long staff = staffCount();
        long events = staffCreatedEvents();
        List<String> bad = List.of("Review-Upper", "review-ü", "r".repeat(65), "ab", "with space", "semi;colon");
        for (String username : bad) {
            Api.Response r = create(username, "AUDITOR", "NATIONAL", null);
            assertThat(r.status()).as(username + ": " + r.body()).isEqualTo(422);
            assertThat(r.json().get("ruleCode").asString()).as(username).isEqualTo("STF-003");
            assertThat(codes(r)).as(username).containsExactly("STF-003");
            assertThat(r.body()).as(username).contains("3 to 64 characters");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM staff_user WHERE lower(username) = 'review-upper'", Long.class))
                .isZero();
        assertThat(staffCount()).isEqualTo(staff);
        assertThat(staffCreatedEvents()).isEqualTo(events);

        // The edges of the rule are accepted: 3 and 64 characters of every allowed kind.
        String three = "." + run.substring(0, 2);
        String sixtyFour = ("x_" + run + "-").repeat(7).substring(0, 60) + "9.z-";
        assertThat(create(three, "AUDITOR", "NATIONAL", null).status()).isEqualTo(201);
        Api.Response longest = create(sixtyFour, "AUDITOR", "NATIONAL", null);
        assertThat(longest.status()).as(longest.body()).isEqualTo(201);
        assertThat(sixtyFour).hasSize(64);
    }

    @Test
    void aPasswordOfFewerThanFiveDifferentCharactersOrOver72BytesIsRefusedWithStf004AndNoAccount() {
        long staff = staffCount();
        for (String password : List.of("aaaaaaaaaaaa", "abababababab", "abcdabcdabcd", "ü".repeat(24) + "abcdefghijklmnopqrstuvwxyz123")) {
            Map<String, Object> body = Map.of("username", "pw-" + run, "displayName", "Staff " + run, "role", "AUDITOR",
                    "scopeKind", "NATIONAL", "password", password);
            Api.Response r = admin.post("/api/v1/staff", body);
            assertThat(r.status()).as(password + ": " + r.body()).isEqualTo(422);
            assertThat(codes(r)).as(password).containsExactly("STF-004");
            assertThat(r.body()).doesNotContain("BCrypt", "Feature");
        }
        assertThat(staffCount()).isEqualTo(staff);
        Api.Response five = admin.post("/api/v1/staff", Map.of("username", "pw-" + run, "displayName", "Staff " + run,
                "role", "AUDITOR", "scopeKind", "NATIONAL", "password", "abcdeabcdeab"));
        assertThat(five.status()).as(five.body()).isEqualTo(201);
    }

    @Test
    void aScopeThatNamesNothingOnTheMapOrNoOrganisationIsRefusedWithStf001AndNoAccount() {
        long staff = staffCount();
        long events = staffCreatedEvents();
        record Attempt(String role, String kind, long id) {
        }
        List<Attempt> attempts = List.of(
                new Attempt("PRECINCT_OPERATOR", "STATION", 999_999_999L),
                new Attempt("PRECINCT_OPERATOR", "STATION", 0),
                new Attempt("CONSTITUENCY_OPERATOR", "CONSTITUENCY", -5),
                new Attempt("CONSTITUENCY_OPERATOR", "CONSTITUENCY", 999_999_999L),
                new Attempt("CONSULAR_OFFICER", "MISSION", 999_999_999L),
                new Attempt("OBSERVER", "ORGANISATION", 999_999_999L));
        for (Attempt a : attempts) {
            Api.Response r = create("nowhere-" + run, a.role(), a.kind(), a.id());
            assertThat(r.status()).as(a + ": " + r.body()).isEqualTo(422);
            assertThat(r.json().get("ruleCode").asString()).as(a.toString()).isEqualTo("STF-001");
            assertThat(r.json().get("problems").get(0).get("field").asString()).isEqualTo("scopeId");
            assertThat(r.body()).as(a.toString()).contains(Long.toString(a.id()));
        }
        // Both problems of one request are reported.
        Api.Response both = create("Nowhere-" + run, "PRECINCT_OPERATOR", "STATION", 999_999_999L);
        assertThat(codes(both)).containsExactlyInAnyOrder("STF-003", "STF-001");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM staff_user WHERE username LIKE ?", Long.class,
                "%owhere-" + run)).isZero();
        assertThat(staffCount()).isEqualTo(staff);
        assertThat(staffCreatedEvents()).isEqualTo(events);

        // Scopes that exist are still taken, whichever map version they are on.
        long station = jdbc.queryForObject("SELECT max(id) FROM polling_station", Long.class);
        long constituency = jdbc.queryForObject("SELECT min(id) FROM constituency", Long.class);
        assertThat(create("somewhere-s-" + run, "PRECINCT_OPERATOR", "STATION", station).status()).isEqualTo(201);
        assertThat(create("somewhere-c-" + run, "CONSTITUENCY_OPERATOR", "CONSTITUENCY", constituency).status())
                .isEqualTo(201);
        long mission = jdbc.queryForObject("SELECT min(id) FROM mission", Long.class);
        assertThat(create("somewhere-m-" + run, "CONSULAR_OFFICER", "MISSION", mission).status()).isEqualTo(201);
    }
}
