package org.electora.platform.internal.security;

import java.util.Map;

import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/** Accounts whose stored hash has no {id} prefix, as when they are loaded into the table from another system. */
@ElectoraIntegrationTest
class StoredHashSignInTest {

    private static final String PASSWORD = "a stored hash without its prefix";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    private void account(String username, String hash) {
        jdbc.sql("INSERT INTO staff_user (username, display_name, password_hash, role, scope_kind) VALUES (?, ?, ?, 'AUDITOR', 'NATIONAL')")
                .params(username, username, hash).update();
    }

    private WebSession.Page signIn(String username) {
        WebSession session = WebSession.anonymous(port);
        var login = session.get("/login");
        return session.post("/login", WebSession.csrf(login.body()), Map.of("username", username, "password", PASSWORD));
    }

    @Test
    void aBareBcryptHashSignsIn() {
        account("bare-bcrypt", new BCryptPasswordEncoder().encode(PASSWORD));
        var after = signIn("bare-bcrypt");
        assertThat(after.status()).isEqualTo(302);
        assertThat(after.location()).doesNotContain("error");
    }

    @Test
    void aHashOfAnUnknownKindIsAFailedSignInNotAnError() {
        account("unknown-hash", "5f4dcc3b5aa765d61d8327deb882cf99");
        account("unknown-prefix", "{rot13}" + PASSWORD);
        for (String username : new String[] {"unknown-hash", "unknown-prefix"}) {
            var after = signIn(username);
            assertThat(after.status()).as(username).isEqualTo(302);
            assertThat(after.location()).as(username).contains("/login?error");
        }
    }
}
