package org.electora.platform.internal.security;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Exchanges a username and password for an API token (checked with BCrypt once, here). */
@RestController
@RequestMapping("/api/v1/auth/tokens")
class AuthApiController {

    record Credentials(@NotBlank String username, @NotBlank String password) {
    }

    record TokenResponse(String token, Instant expiresAt, String role) {
    }

    private final AuthenticationManager authentication;
    private final ApiTokens tokens;

    AuthApiController(AuthenticationManager authentication, ApiTokens tokens) {
        this.authentication = authentication;
        this.tokens = tokens;
    }

    @PostMapping
    ResponseEntity<?> issue(@Valid @RequestBody Credentials credentials) {
        try {
            var auth = authentication.authenticate(
                    UsernamePasswordAuthenticationToken.unauthenticated(credentials.username(), credentials.password()));
            var principal = (StaffPrincipalDetails) auth.getPrincipal();
            var issued = tokens.issue(principal.staff().id());
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(new TokenResponse(issued.token(), issued.expiresAt(), principal.staff().role().name()));
        } catch (AuthenticationException e) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .body(java.util.Map.of("status", 401, "ruleCode", "AUTH-003", "detail", "Unknown user or wrong password"));
        }
    }

    @DeleteMapping("/current")
    ResponseEntity<Void> revoke(@RequestHeader("Authorization") String header) {
        tokens.revoke(header.substring("Bearer ".length()).trim());
        return ResponseEntity.noContent().build();
    }
}
