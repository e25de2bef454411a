package org.electora.platform.internal.security;

import java.util.List;
import java.util.Optional;

import org.electora.platform.Role;
import org.electora.platform.Scope;
import org.electora.platform.StaffMember;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Staff accounts, one statement per method. */
@Repository
class StaffAccounts {

    record Account(StaffMember staff, String passwordHash, boolean enabled) {
    }

    private final JdbcClient jdbc;

    StaffAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Account> byUsername(String username) {
        return jdbc.sql("""
                        SELECT id, username, display_name, role, scope_kind, scope_id, password_hash, enabled
                        FROM staff_user WHERE username = ?""")
                .param(username)
                .query((rs, n) -> new Account(new StaffMember(rs.getLong("id"), rs.getString("username"),
                        rs.getString("display_name"), Role.valueOf(rs.getString("role")),
                        Scope.of(rs.getString("scope_kind"), (Long) rs.getObject("scope_id"))),
                        rs.getString("password_hash"), rs.getBoolean("enabled")))
                .optional();
    }

    /** True when the account was enabled and is now disabled. */
    boolean disable(long id) {
        return jdbc.sql("UPDATE staff_user SET enabled = false WHERE id = ? AND enabled").param(id).update() == 1;
    }

    boolean anyWithRole(Role role) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM staff_user WHERE role = ?)").param(role.name())
                .query(Boolean.class).single();
    }

    long insert(String username, String displayName, String passwordHash, Role role, Scope scope) {
        return jdbc.sql("""
                        INSERT INTO staff_user (username, display_name, password_hash, role, scope_kind, scope_id)
                        VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(username, displayName, passwordHash, role.name(), scope.kind(), scope.id())
                .query(Long.class).single();
    }

    List<StaffMember> all() {
        return jdbc.sql("SELECT id, username, display_name, role, scope_kind, scope_id FROM staff_user ORDER BY username")
                .query((rs, n) -> new StaffMember(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                        Role.valueOf(rs.getString("role")), Scope.of(rs.getString("scope_kind"), (Long) rs.getObject("scope_id"))))
                .list();
    }

    boolean updatePassword(long id, String passwordHash) {
        return jdbc.sql("UPDATE staff_user SET password_hash = ?, version = version + 1 WHERE id = ?")
                .params(passwordHash, id).update() == 1;
    }
}
