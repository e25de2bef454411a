package org.electora.results.internal;

import java.util.List;
import java.util.Optional;

import org.electora.election.Candidate;
import org.electora.election.Election;
import org.electora.election.ProtocolTemplate;
import org.electora.geography.PollingStation;
import org.electora.platform.PageNotice;
import org.electora.results.ProtocolView;

/**
 * A station's double entry as the caller may see it: how many entries wait and whether the caller made one, never
 * their numbers — except the line-by-line {@code mismatch} for a supervisor who keyed neither entry.
 * Public for the page templates only.
 *
 * @param notReceiving why no protocol is taken now (polls open, election not counting, signed, counted), or null
 */
public record EntrySheet(Election election, PollingStation station, long contestId, String contestName,
                         ProtocolTemplate template, List<Integer> ballotOrders, List<Candidate> candidates,
                         Optional<ProtocolView> protocol, int openEntries, boolean enteredByMe, boolean supervisor,
                         List<EntryRow> mismatch, PageNotice notReceiving) {

    public EntrySheet {
        ballotOrders = List.copyOf(ballotOrders);
        candidates = List.copyOf(candidates);
        mismatch = List.copyOf(mismatch);
    }

    public boolean mayKey() {
        return notReceiving == null && !enteredByMe && openEntries < 2 && !counted();
    }

    /** Accepted (or amended): no longer keyed, its next version is an amendment with a reason (RES-025). */
    public boolean counted() {
        return protocol.map(p -> DoubleEntries.closedToKeying(p.status())).orElse(false);
    }

    public String candidateName(int ballotOrder) {
        return candidates.stream().filter(c -> c.ballotOrder() == ballotOrder).map(Candidate::fullName).findFirst().orElse("");
    }
}
