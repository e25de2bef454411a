package org.electora.election;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Property: a protocol built to satisfy every CIS relation passes the check, and moving any line that takes part
 * in a hard equality by a non-zero amount is caught. Fixed seed so a failure can be replayed exactly.
 */
class BalancedProtocolPropertyTest {

    private static final long SEED = 20_240_317L;
    private static final int PROTOCOLS = 1_000;
    private static final ProtocolTemplate CIS = ProtocolTemplates.cisPresidential();

    /**
     * Lines that appear in a HARD equality. L1 is left out because it only bounds ballots issued from above
     * (raising it keeps CIS-04 true), and L2 takes part in no relation, so changing either can go unnoticed.
     */
    private static final List<Integer> LINES_IN_HARD_EQUALITIES = List.of(3, 4, 5, 6, 7, 8, 9, 10, 11);

    @Test
    void randomBalancedProtocolsPassAndEverySinglePerturbationIsCaughtAsAHardViolation() {
        var random = new SplittableRandom(SEED);
        for (int i = 0; i < PROTOCOLS; i++) {
            ProtocolValues balanced = balancedProtocol(random);

            assertThat(CIS.check(balanced).violations())
                    .as("seed %d, protocol #%d: %s", SEED, i, balanced)
                    .isEmpty();

            long k = random.nextLong(1, 50);
            ProtocolValues perturbed = perturbOneLine(balanced, k, random);
            CheckReport report = CIS.check(perturbed);

            assertThat(report.hasHardViolation())
                    .as("seed %d, protocol #%d perturbed by %d: %s → %s", SEED, i, k, perturbed, report)
                    .isTrue();
            assertThat(report.ruleCodes())
                    .as("seed %d, protocol #%d: a control relation, not just a sign check, must fire", SEED, i)
                    .anyMatch(code -> code.startsWith("CIS-0"));
        }
    }

    /** Builds the protocol backwards from its relations, so every generated protocol is balanced by construction. */
    private static ProtocolValues balancedProtocol(SplittableRandom random) {
        long voters = random.nextLong(0, 5_000);
        long issuedAtStation = random.nextLong(0, voters + 1);
        long issuedOutside = random.nextLong(0, voters - issuedAtStation + 1);
        long issued = issuedAtStation + issuedOutside;                 // CIS-04: issued <= voters
        long unused = random.nextLong(0, 500);
        long spoilt = random.nextLong(0, 20);
        long received = issued + unused + spoilt;                      // CIS-01
        long inBoxes = random.nextLong(0, issued + 1);                 // CIS-05: not more than issued
        long inMobileBoxes = random.nextLong(0, Math.min(inBoxes, issuedOutside) + 1);
        long inStationaryBoxes = inBoxes - inMobileBoxes;
        long invalid = random.nextLong(0, inBoxes + 1);
        long valid = inBoxes - invalid;                                // CIS-02

        var candidates = new HashMap<String, Long>();                  // CIS-03: candidates sum to valid
        int candidateCount = random.nextInt(1, 9);
        long remaining = valid;
        for (int c = 1; c < candidateCount; c++) {
            long votes = random.nextLong(0, remaining + 1);
            candidates.put(String.valueOf(c), votes);
            remaining -= votes;
        }
        candidates.put(String.valueOf(candidateCount), remaining);

        long transferCertificates = random.nextLong(0, 30);
        return ProtocolValues.numbered(candidates, voters, transferCertificates, received, issuedAtStation,
                issuedOutside, unused, inMobileBoxes, inStationaryBoxes, invalid, valid, spoilt);
    }

    /** Moves one line or one candidate by ±k, going down only where that keeps the count non-negative. */
    private static ProtocolValues perturbOneLine(ProtocolValues values, long k, SplittableRandom random) {
        int choice = random.nextInt(LINES_IN_HARD_EQUALITIES.size() + values.candidateVotes().size());
        if (choice < LINES_IN_HARD_EQUALITIES.size()) {
            int line = LINES_IN_HARD_EQUALITIES.get(choice);
            long current = values.line(line);
            return values.withLine(line, shifted(current, k, random));
        }
        String candidate = values.candidateVotes().keySet().stream().sorted()
                .toList().get(choice - LINES_IN_HARD_EQUALITIES.size());
        Map<String, Long> votes = new HashMap<>(values.candidateVotes());
        votes.put(candidate, shifted(votes.get(candidate), k, random));
        return new ProtocolValues(values.lines(), votes);
    }

    private static long shifted(long current, long k, SplittableRandom random) {
        boolean down = random.nextBoolean() && current >= k;
        return down ? current - k : current + k;
    }
}
