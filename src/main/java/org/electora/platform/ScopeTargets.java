package org.electora.platform;

import java.util.Optional;
import java.util.Set;

/**
 * Whether the id of a staff scope names something that exists. The platform does not know the map or the accredited
 * organisations; the module that owns them answers (geography for constituencies, stations and missions,
 * accreditation for organisations), so that an account is never scoped to nothing.
 */
public interface ScopeTargets {

    /** The scope kinds this module answers for ({@link Scope#kind()}). */
    Set<String> kinds();

    /** Empty when the scope's id exists; otherwise what is wrong, for a person ("no polling station 42"). */
    Optional<String> missing(Scope scope);
}
