package org.electora.results;

import java.util.List;
import java.util.Optional;

/**
 * The constituency commissions' summary protocols. A commission signs once every station of its constituency has a
 * protocol that is ACCEPTED or ANNULLED; until then signing is refused (409 RES-030) naming the stations that are
 * missing or not decided.
 */
public interface ConstituencyProtocols {

    /** Signs the summary protocol (CONSTITUENCY_OPERATOR of that constituency, or CEC_ADMIN); one transaction, audited. */
    ConstituencyProtocol sign(long contestId, long constituencyId);

    Optional<ConstituencyProtocol> signed(long contestId, long constituencyId);

    /** Codes of the constituencies of the contest's map whose summary protocol is not signed yet, in map order. */
    List<String> unsigned(long contestId);
}
