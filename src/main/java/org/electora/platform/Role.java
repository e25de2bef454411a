package org.electora.platform;

/** The roles of DESIGN.md; what each may touch is narrowed further by its {@link Scope}. */
public enum Role {
    CEC_ADMIN,
    CONSTITUENCY_OPERATOR,
    PRECINCT_OPERATOR,
    CONSULAR_OFFICER,
    ACCREDITATION_OFFICER,
    OBSERVER,
    JOURNALIST,
    AUDITOR;

    public String authority() {
        return "ROLE_" + name();
    }
}
