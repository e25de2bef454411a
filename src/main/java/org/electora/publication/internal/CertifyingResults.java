package org.electora.publication.internal;

import java.util.List;

import org.electora.election.Contest;
import org.electora.election.Election;
import org.electora.election.ElectionAction;
import org.electora.election.ElectionAdministration;
import org.electora.election.ElectionId;
import org.electora.election.Elections;
import org.electora.platform.AccessDenied;
import org.electora.platform.Conflict;
import org.electora.platform.CurrentStaff;
import org.electora.platform.NotFound;
import org.electora.platform.Role;
import org.electora.publication.Certification;
import org.electora.publication.Publishing;
import org.electora.results.ConstituencyProtocols;
import org.springframework.stereotype.Service;

/**
 * Certification: checks that every constituency signed, moves the election (its own transaction, audited by the
 * election module), then publishes the CERTIFIED snapshot in a new transaction that sees the certified status. If
 * that publication fails, the status change has marked the election dirty and the scheduler publishes it.
 */
@Service
class CertifyingResults implements Certification {

    private final Elections elections;
    private final ElectionAdministration administration;
    private final ConstituencyProtocols constituencyProtocols;
    private final Publishing publishing;

    CertifyingResults(Elections elections, ElectionAdministration administration,
                      ConstituencyProtocols constituencyProtocols, Publishing publishing) {
        this.elections = elections;
        this.administration = administration;
        this.constituencyProtocols = constituencyProtocols;
        this.publishing = publishing;
    }

    @Override
    public Election certify(ElectionId electionId, int expectedVersion) {
        if (CurrentStaff.require().role() != Role.CEC_ADMIN) {
            throw new AccessDenied("Only the CEC certifies results");
        }
        elections.byId(electionId).orElseThrow(() -> new NotFound("No election " + electionId));
        List<String> unsigned = elections.contests(electionId).stream().map(Contest::id)
                .flatMap(c -> constituencyProtocols.unsigned(c.value()).stream()).toList();
        if (!unsigned.isEmpty()) {
            throw new Conflict("PUB-010", unsigned.size() + " constituencies have not signed their summary protocol: "
                    + String.join(", ", unsigned));
        }
        Election certified = administration.apply(electionId, ElectionAction.CERTIFY_RESULTS, expectedVersion);
        publishing.publish(electionId);
        return certified;
    }
}
