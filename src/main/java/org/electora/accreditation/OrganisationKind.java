package org.electora.accreditation;

/** Who sends observers or journalists; the first three are foreign missions invited through the foreign ministry. */
public enum OrganisationKind {
    INTERNATIONAL_ORGANISATION,
    FOREIGN_ELECTION_BODY,
    FOREIGN_STATE_DELEGATION,
    DOMESTIC_NGO,
    CANDIDATE,
    FOREIGN_MEDIA_OUTLET,
    DOMESTIC_MEDIA_OUTLET
}
