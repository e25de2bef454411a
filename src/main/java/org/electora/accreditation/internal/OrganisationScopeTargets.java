package org.electora.accreditation.internal;

import java.util.Optional;
import java.util.Set;

import org.electora.platform.Scope;
import org.electora.platform.ScopeTargets;
import org.springframework.stereotype.Component;

/** An observer's or journalist's scope names an accredited organisation that exists. */
@Component
class OrganisationScopeTargets implements ScopeTargets {

    private final AccreditationStore store;

    OrganisationScopeTargets(AccreditationStore store) {
        this.store = store;
    }

    @Override
    public Set<String> kinds() {
        return Set.of("ORGANISATION");
    }

    @Override
    public Optional<String> missing(Scope scope) {
        Long id = scope.id();
        if (id != null && id > 0 && store.organisation(id).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("no accredited organisation " + id);
    }
}
