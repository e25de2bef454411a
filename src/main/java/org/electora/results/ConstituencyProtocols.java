package org.electora.results;

import java.util.List;
import java.util.Optional;

/**
 * The constituency commissions' summary protocols. A commission signs once every station of its constituency has a
 * protocol that is ACCEPTED or ANNULLED; until then signing is refused (409 RES-030) naming the stations that are
 * missing or not decided. From the signature on, those protocols are final (409 RES-033) unless the CEC withdraws it.
 */
public interface ConstituencyProtocols {

    /** Signs the summary protocol (CONSTITUENCY_OPERATOR of that constituency, or CEC_ADMIN); one transaction, audited. */
    ConstituencyProtocol sign(long contestId, long constituencyId);

    /**
     * Withdraws the live signature by a recorded CEC decision (a recount ordered after the signature), while the
     * election is counting: the constituency's protocols are open again, and it must sign again before certification.
     * One transaction, audited; returns the withdrawn signature.
     */
    ConstituencyProtocol withdraw(long contestId, long constituencyId, String reason, String decisionReference);

    /** The live signature: the latest round that no decision withdrew. */
    Optional<ConstituencyProtocol> signed(long contestId, long constituencyId);

    /** Codes of the constituencies of the contest's map whose summary protocol is not signed yet, in map order. */
    List<String> unsigned(long contestId);
}
