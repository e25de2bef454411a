package org.electora.platform.internal.security;

import java.security.SecureRandom;
import java.util.Map;

import org.electora.audit.AuditLog;
import org.electora.platform.Role;
import org.electora.platform.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * No password is baked into the code: on the first start the administrator account is created with the password
 * from {@code electora.admin.initial-password}, or with a random one printed once to the log.
 */
@Component
@Order(0)
class InitialAdministrator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(InitialAdministrator.class);
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final StaffAccounts accounts;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final String configuredPassword;

    InitialAdministrator(StaffAccounts accounts, PasswordEncoder encoder, AuditLog audit,
                         @Value("${electora.admin.initial-password:}") String configuredPassword) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.audit = audit;
        this.configuredPassword = configuredPassword;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (accounts.anyWithRole(Role.CEC_ADMIN)) {
            return;
        }
        boolean generated = !StringUtils.hasText(configuredPassword);
        String password = generated ? randomPassword() : configuredPassword;
        long id = accounts.insert("admin", "CEC administrator", encoder.encode(password), Role.CEC_ADMIN, new Scope.National());
        audit.record("staff.created", "staff:" + id, Map.of("username", "admin", "role", Role.CEC_ADMIN.name(),
                "scope", "NATIONAL", "passwordSource", generated ? "generated" : "configuration"));
        if (generated) {
            log.warn("""

                    ==============================================================
                     First start: administrator account created
                       user:     admin
                       password: {}
                     Shown once. Sign in at /login and keep it safe.
                    ==============================================================""", password);
        } else {
            log.info("First start: administrator 'admin' created with the configured initial password");
        }
    }

    private static String randomPassword() {
        var random = new SecureRandom();
        var sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
