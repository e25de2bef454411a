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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Certification: checks that every constituency signed, moves the election (audited by the election module) and
 * checks the signatures again in the same transaction, under the lock its move takes on the election's row (a
 * withdrawal racing it is seen or refused), then publishes the CERTIFIED snapshot in a new transaction that sees the
 * certified status. If that publication fails, the status change has marked the election dirty and the scheduler
 * publishes it.
 */
@Service
class CertifyingResults implements Certification {

    private final Elections elections;
    private final ElectionAdministration administration;
    private final ConstituencyProtocols constituencyProtocols;
    private final Publishing publishing;
    private final TransactionTemplate transactions;

    CertifyingResults(Elections elections, ElectionAdministration administration,
                      ConstituencyProtocols constituencyProtocols, Publishing publishing,
                      PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
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
        requireEverySigned(electionId);
        Conflict[] refusedByTheLifecycle = new Conflict[1];
        Election certified = transactions.execute(status -> {
            Election moved;
            try {
                moved = administration.apply(electionId, ElectionAction.CERTIFY_RESULTS, expectedVersion);
            } catch (Conflict refused) {
                refusedByTheLifecycle[0] = refused; // committed: the election module audits a refused transition
                return null;
            }
            // Again, now that the election's row is locked by its move: a withdrawal of a signature holds that row
            // (FOR SHARE) until it commits, so one that committed after the check above is seen here (the refusal
            // rolls the move back), and one not yet committed waits and then finds the election certified (RES-031).
            requireEverySigned(electionId);
            return moved;
        });
        if (refusedByTheLifecycle[0] != null) {
            throw refusedByTheLifecycle[0];
        }
        publishing.publish(electionId);
        return certified;
    }

    private void requireEverySigned(ElectionId electionId) {
        List<String> unsigned = elections.contests(electionId).stream().map(Contest::id)
                .flatMap(c -> constituencyProtocols.unsigned(c.value()).stream()).toList();
        if (!unsigned.isEmpty()) {
            throw new Conflict("PUB-010", unsigned.size() + " constituencies have not signed their summary protocol: "
                    + String.join(", ", unsigned));
        }
    }
}
