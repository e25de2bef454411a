package org.electora.demo.internal;

import java.util.List;

import org.electora.election.Candidate;
import org.electora.election.CandidateAction;
import org.electora.election.Contest;
import org.electora.election.Election;
import org.electora.election.ElectionAction;
import org.electora.election.ElectionAdministration;
import org.electora.election.Elections;

/**
 * The fictional presidential candidates of the demonstration republic.
 *
 * <p>Names follow Azerbaijani naming conventions (family name, given name, patronymic with "oglu"/"gizi") but
 * belong to no real person; the nominating parties are invented as well. Exactly one candidate is self-nominated.
 */
public final class DemoCandidates {

    /** Value of {@link DemoCandidate#nominatedBy()} for the self-nominated candidate. */
    public static final String SELF_NOMINATED = "Self-nominated";

    /**
     * One presidential candidate.
     *
     * @param familyName family name
     * @param givenName given name
     * @param patronymic patronymic, e.g. "Vagif oglu"
     * @param nominatedBy nominating party, or {@link #SELF_NOMINATED}
     */
    public record DemoCandidate(String familyName, String givenName, String patronymic, String nominatedBy) {
    }

    private static final List<DemoCandidate> ALL = List.of(
            new DemoCandidate("Mammadli", "Elnur", "Vagif oglu", "Party of the New Republic"),
            new DemoCandidate("Huseynzade", "Gulnar", "Rasim gizi", "Civic Solidarity Union"),
            new DemoCandidate("Gasimbeyli", "Fariz", "Ilgar oglu", "National Renewal Front"),
            new DemoCandidate("Rzayev", "Tural", "Akif oglu", "Democratic Reform Movement"),
            new DemoCandidate("Nuriyeva", "Sevinj", "Mahir gizi", "Green Caspian Party"),
            new DemoCandidate("Alakbarli", "Zaur", "Nadir oglu", "Great Homeland Alliance"),
            new DemoCandidate("Valiyev", "Rashad", "Eldar oglu", SELF_NOMINATED));

    private DemoCandidates() {
    }

    /** The seven candidates in ballot order. */
    public static List<DemoCandidate> all() {
        return ALL;
    }

    /**
     * Creates the election, calls it, registers every demo candidate in its (single) contest and starts the
     * campaign: the demo's election and the rehearsal's begin alike.
     */
    static Election callWithCandidates(ElectionAdministration administration, Elections elections,
                                       ElectionAdministration.NewElection election) {
        Election e = administration.create(election);
        e = administration.apply(e.id(), ElectionAction.CALL, e.version());
        e = administration.apply(e.id(), ElectionAction.OPEN_NOMINATIONS, e.version());
        Contest contest = elections.contests(e.id()).getFirst();
        for (DemoCandidate c : ALL) {
            Candidate nominated = administration.nominate(contest.id(), new ElectionAdministration.NewCandidate(
                    c.familyName(), c.givenName(), c.patronymic(), c.nominatedBy()));
            administration.decide(nominated.id(), CandidateAction.REGISTER, null, nominated.version());
        }
        return administration.apply(e.id(), ElectionAction.START_CAMPAIGN, e.version());
    }
}
