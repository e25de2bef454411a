package org.electora.election;

import java.util.List;
import java.util.Optional;

/** Reads elections, contests, candidates, calendars and protocol templates. Public information. */
public interface Elections {

    List<Election> all();

    Optional<Election> byId(ElectionId id);

    /** The election the public pages show by default: the latest that has been called, else the latest. */
    Optional<Election> current();

    List<Contest> contests(ElectionId election);

    Optional<Contest> contest(ContestId contest);

    /** Candidates in ballot order. */
    List<Candidate> candidates(ContestId contest);

    /** The preparatory calendar, ordered by due date. */
    List<Milestone> calendar(ElectionId election);

    List<ProtocolTemplate> templates();

    Optional<ProtocolTemplate> template(String code);
}
