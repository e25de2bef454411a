package org.electora.platform.internal.security;

import java.util.Optional;
import java.util.regex.Pattern;

import org.electora.platform.Problem;

/** The rule the staff table's CHECK holds usernames to (V2), checked first so that a bad one is a 422, not a 500. */
final class Usernames {

    static final String RULE = "STF-003";
    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9._-]{3,64}");

    private Usernames() {
    }

    static Optional<Problem> problem(String username) {
        if (username != null && ALLOWED.matcher(username).matches()) {
            return Optional.empty();
        }
        return Optional.of(Problem.at(0, RULE, "username", "a username is 3 to 64 characters, each a lower-case"
                + " letter a-z, a digit, a dot, a dash or an underscore (no capitals, spaces or other letters)"));
    }
}
