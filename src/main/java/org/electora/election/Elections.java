package org.electora.election;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.electora.platform.NotFound;

/** Reads elections, contests, candidates, calendars and protocol templates. Public information. */
public interface Elections {

    List<Election> all();

    Optional<Election> byId(ElectionId id);

    /**
     * The election read with its row locked (FOR SHARE) until the caller's transaction ends, which it must be called
     * in: its status cannot change before then, and a change of status that committed meanwhile is seen. For a step
     * allowed only in one status that must not cross a status change, e.g. the withdrawal of a signed summary
     * protocol, which certification must not overtake.
     */
    Optional<Election> holding(ElectionId id);

    /**
     * The election the public pages (and the register, accreditation) take by default: the latest that has been called,
     * else the latest — an election imported for comparison ({@link ElectionAdministration#markHistoric}) only if there
     * is no other.
     */
    Optional<Election> current();

    List<Contest> contests(ElectionId election);

    Optional<Contest> contest(ContestId contest);

    /** Candidates in ballot order. */
    List<Candidate> candidates(ContestId contest);

    /** The preparatory calendar, ordered by due date. */
    List<Milestone> calendar(ElectionId election);

    /** A page's choice of election: those it offers, oldest first, and the one it shows (empty when none is). */
    record Choice(List<Election> offered, Optional<Election> chosen) {
    }

    /**
     * The elections in one of these statuses, and the one {@code requested} among them, or the newest of them when
     * nothing is requested (a staff page's election picker); an election requested that is not among them is a 404.
     */
    default Choice choose(Set<ElectionStatus> statuses, Long requested) {
        List<Election> offered = all().stream().filter(e -> statuses.contains(e.status()))
                .sorted(Comparator.comparingLong(e -> e.id().value())).toList();
        if (requested == null) {
            // The latest; one imported for comparison only when the page offers no other.
            return new Choice(offered, offered.stream().filter(e -> !e.historic()).reduce((a, b) -> b)
                    .or(() -> offered.stream().reduce((a, b) -> b)));
        }
        // An election asked for by id that the page does not offer (none such, or in another status) is a 404, not
        // a page saying that no election is there while the selector lists some.
        Election chosen = offered.stream().filter(e -> e.id().value() == requested).findFirst()
                .orElseThrow(() -> new NotFound("No election " + requested + " here: this page offers "
                        + (offered.isEmpty() ? "none" : offered.stream().map(e -> Long.toString(e.id().value()))
                        .collect(Collectors.joining(", ")))));
        return new Choice(offered, Optional.of(chosen));
    }

    List<ProtocolTemplate> templates();

    Optional<ProtocolTemplate> template(String code);
}
