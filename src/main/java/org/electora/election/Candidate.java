package org.electora.election;

/** A candidate in a contest; {@code reason} explains a refusal or a withdrawal. */
public record Candidate(CandidateId id, ContestId contestId, int ballotOrder, String familyName, String givenName,
                       String patronymic, String nominatedBy, CandidateStatus status, String reason, int version) {

    public String fullName() {
        return familyName + " " + givenName + (patronymic == null || patronymic.isBlank() ? "" : " " + patronymic);
    }
}
