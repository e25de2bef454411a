package org.electora.results.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.electora.election.Candidate;
import org.electora.election.CandidateStatus;
import org.electora.election.Contest;
import org.electora.election.ContestId;
import org.electora.election.Elections;
import org.electora.election.ProtocolTemplate;
import org.springframework.stereotype.Component;

/**
 * What a contest's protocols are checked against: its template and the ballot orders of its registered candidates.
 * Read on every submission, changed only before polling day, so kept for a few seconds.
 */
@Component
class ContestRules {

    record Rules(Contest contest, ProtocolTemplate template, List<Integer> ballotOrders, Instant loadedAt) {
    }

    private static final Duration FRESH = Duration.ofSeconds(10);

    private final Elections elections;
    private final Map<Long, Rules> cache = new ConcurrentHashMap<>();

    ContestRules(Elections elections) {
        this.elections = elections;
    }

    Optional<Rules> of(long contestId) {
        Rules cached = cache.get(contestId);
        if (cached != null && cached.loadedAt().plus(FRESH).isAfter(Instant.now())) {
            return Optional.of(cached);
        }
        Optional<Rules> loaded = elections.contest(new ContestId(contestId)).flatMap(contest ->
                elections.template(contest.templateCode()).map(template -> new Rules(contest, template,
                        elections.candidates(contest.id()).stream()
                                .filter(c -> c.status() == CandidateStatus.REGISTERED)
                                .map(Candidate::ballotOrder).sorted().toList(),
                        Instant.now())));
        loaded.ifPresent(r -> cache.put(contestId, r));
        return loaded;
    }
}
