package org.electora.publication.internal;

import java.util.List;

import org.electora.election.Election;
import org.electora.election.ElectionId;
import org.electora.election.Elections;
import org.electora.platform.NotFound;
import org.electora.publication.Publishing;
import org.electora.publication.ResultsSnapshot;
import org.springframework.stereotype.Component;

/**
 * Which snapshot a public request means, and the embargo's answer when there is none: 404 PUB-001 before polls
 * have closed everywhere, 404 PUB-002 when nothing is published yet. A stored snapshot proves the embargo has lifted
 * (none is generated before), so the common case reads only {@code results_snapshot}.
 */
@Component
class PublicSnapshots {

    private final Publishing publishing;
    private final Elections elections;
    private final Embargo embargo;

    PublicSnapshots(Publishing publishing, Elections elections, Embargo embargo) {
        this.publishing = publishing;
        this.elections = elections;
        this.embargo = embargo;
    }

    List<ResultsSnapshot> list(long electionId) {
        List<ResultsSnapshot> all = publishing.snapshots(electionId);
        if (all.isEmpty()) {
            requireEmbargoLifted(electionId);
        }
        return all;
    }

    /** {@code ref} is "latest" or a sequence number. */
    ResultsSnapshot resolve(long electionId, String ref) {
        if ("latest".equals(ref)) {
            return publishing.latest(electionId).orElseThrow(() -> nothingYet(electionId));
        }
        int sequence;
        try {
            sequence = Integer.parseInt(ref);
        } catch (NumberFormatException e) {
            throw new NotFound("No snapshot \"" + ref + "\": use a sequence number or latest");
        }
        return publishing.snapshots(electionId).stream().filter(s -> s.sequence() == sequence).findFirst()
                .orElseThrow(() -> {
                    RuntimeException none = nothingYet(electionId);
                    return none instanceof NotFound nf && "PUB-001".equals(nf.ruleCode()) ? none
                            : new NotFound("PUB-002", "Election " + electionId + " has no snapshot " + sequence);
                });
    }

    byte[] content(ResultsSnapshot s) {
        return publishing.content(s.electionId(), s.sequence()).orElseThrow();
    }

    private RuntimeException nothingYet(long electionId) {
        try {
            requireEmbargoLifted(electionId);
        } catch (NotFound e) {
            return e;
        }
        return new NotFound("PUB-002", "No results of election " + electionId + " are published yet");
    }

    private void requireEmbargoLifted(long electionId) {
        Election election = elections.byId(new ElectionId(electionId))
                .orElseThrow(() -> new NotFound("No election " + electionId));
        if (!embargo.lifted(election)) {
            throw new NotFound("PUB-001", "Not yet: results of election " + electionId + " are published after polls close"
                    + " at every station (" + embargo.liftsAt(election) + ")");
        }
    }
}
