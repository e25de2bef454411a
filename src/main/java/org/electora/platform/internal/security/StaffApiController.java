package org.electora.platform.internal.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.electora.audit.AuditLog;
import org.electora.platform.InvalidInput;
import org.electora.platform.Problem;
import org.electora.platform.Role;
import org.electora.platform.Scope;
import org.electora.platform.ScopeTargets;
import org.electora.platform.StaffMember;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The CEC administrator creates staff accounts, each with one role and one scope. */
@RestController
@RequestMapping("/api/v1/staff")
@PreAuthorize("hasRole('CEC_ADMIN')")
class StaffApiController {

    record NewStaff(@NotBlank String username, @NotBlank String displayName, @NotNull Role role,
                    @NotBlank String scopeKind, Long scopeId, @NotBlank @Size(min = 12) String password) {
    }

    record StaffView(long id, String username, String displayName, Role role, String scopeKind, Long scopeId) {
        static StaffView of(StaffMember s) {
            return new StaffView(s.id(), s.username(), s.displayName(), s.role(), s.scope().kind(), s.scope().id());
        }
    }

    private final StaffAccounts accounts;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final List<ScopeTargets> scopeTargets;

    StaffApiController(StaffAccounts accounts, PasswordEncoder encoder, AuditLog audit, List<ScopeTargets> scopeTargets) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.audit = audit;
        this.scopeTargets = scopeTargets;
    }

    @GetMapping
    List<StaffView> all() {
        return accounts.all().stream().map(StaffView::of).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    StaffView create(@Valid @RequestBody NewStaff request) {
        List<Problem> problems = new ArrayList<>();
        Usernames.problem(request.username()).ifPresent(problems::add);
        passwordProblem(request.password()).ifPresent(problems::add);
        Scope scope = scopeOf(request, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        if (accounts.byUsername(request.username()).isPresent()) {
            throw new InvalidInput("STF-002", "Username already taken: " + request.username());
        }
        long id = accounts.insert(request.username(), request.displayName(), encoder.encode(request.password()),
                request.role(), scope);
        audit.record("staff.created", "staff:" + id, Map.of("username", request.username(),
                "role", request.role().name(), "scope", scope.kind() + (scope.id() == null ? "" : ":" + scope.id())));
        return new StaffView(id, request.username(), request.displayName(), request.role(), scope.kind(), scope.id());
    }

    /**
     * A staff password holds at least five different characters (twelve of one letter is no password) and fits what
     * BCrypt reads, 72 bytes: BCrypt ignores what follows, and the encoder refuses it (a 400 that named its settings).
     */
    static Optional<Problem> passwordProblem(String password) {
        if (password == null) {
            return Optional.empty(); // @NotBlank has said so
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
            return Optional.of(Problem.at(0, "STF-004", "password", "the password is longer than 72 bytes"));
        }
        if (password.codePoints().distinct().count() < 5) {
            return Optional.of(Problem.at(0, "STF-004", "password",
                    "the password is too easy to guess: use at least five different characters"));
        }
        return Optional.empty();
    }

    /**
     * Which scope kinds each role may hold: a precinct operator is scoped to a station, and so on; and the scope's id
     * must name something that exists (asked of the module that owns it). Adds what is wrong to {@code problems}.
     */
    private Scope scopeOf(NewStaff r, List<Problem> problems) {
        String expected = switch (r.role()) {
            case CEC_ADMIN, ACCREDITATION_OFFICER, AUDITOR -> "NATIONAL";
            case CONSTITUENCY_OPERATOR -> "CONSTITUENCY";
            case PRECINCT_OPERATOR -> "STATION";
            case CONSULAR_OFFICER -> "MISSION";
            case OBSERVER, JOURNALIST -> "ORGANISATION";
        };
        if (!expected.equals(r.scopeKind())) {
            problems.add(Problem.at(0, "STF-001", "scopeKind", r.role() + " must have scope " + expected));
        } else if (!"NATIONAL".equals(expected) && r.scopeId() == null) {
            problems.add(Problem.at(0, "STF-001", "scopeId", "scope " + expected + " needs a scopeId"));
        } else {
            Scope scope = Scope.of(expected, "NATIONAL".equals(expected) ? null : r.scopeId());
            scopeTargets.stream().filter(t -> t.kinds().contains(expected))
                    .forEach(t -> t.missing(scope).ifPresent(why ->
                            problems.add(Problem.at(0, "STF-001", "scopeId", "scope " + expected + ": " + why))));
            return scope;
        }
        return null;
    }
}
