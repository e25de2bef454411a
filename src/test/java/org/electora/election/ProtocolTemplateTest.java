package org.electora.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProtocolTemplateTest {

    private static final ProtocolTemplate CIS = ProtocolTemplates.cisPresidential();
    private static final ProtocolTemplate RU = ProtocolTemplates.russianPresidential2018();

    /**
     * A balanced CIS protocol: 800 ballots received = 600 + 20 issued + 170 unused + 10 spoilt; 610 in the boxes
     * = 10 invalid + 600 valid; 600 valid = 350 + 250 candidate votes; 620 issued of 1000 voters.
     */
    private static ProtocolValues balancedCis() {
        return ProtocolValues.numbered(Map.of("1", 350L, "2", 250L),
                1000, 5, 800, 600, 20, 170, 20, 590, 10, 600, 10);
    }

    private static ProtocolValues withoutLine(ProtocolValues values, int number) {
        var lines = new HashMap<>(values.lines());
        lines.remove(number);
        return new ProtocolValues(lines, values.candidateVotes());
    }

    @Nested
    class CisPresidential {

        @Test
        void builtInTemplateValidatesClean() {
            assertThat(CIS.validate()).isEmpty();
            assertThat(CIS.code()).isEqualTo("CIS-PRESIDENTIAL-2024");
            assertThat(CIS.lineNumbers()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
            assertThat(CIS.shareDenominatorName()).isEqualTo("valid ballots");
        }

        @Test
        void balancedProtocolHasNoViolations() {
            CheckReport report = CIS.check(balancedCis());

            assertThat(report.violations()).isEmpty();
            assertThat(report.isClean()).isTrue();
            assertThat(report.hasHardViolation()).isFalse();
        }

        @Test
        void ballotsThatDoNotBalanceAreReportedAsCis01Only() {
            CheckReport report = CIS.check(balancedCis().withLine(6, 171));

            assertThat(report.violations()).containsExactly(
                    new Violation("CIS-01", RelationLevel.HARD, "L3 = L4 + L5 + L6 + L11", 800, 801));
            assertThat(report.hasHardViolation()).isTrue();
        }

        @Test
        void boxContentsThatDoNotMatchTheCountAreReportedAsCis02Only() {
            assertThat(CIS.check(balancedCis().withLine(9, 11)).violations()).containsExactly(
                    new Violation("CIS-02", RelationLevel.HARD, "L7 + L8 = L9 + L10", 610, 611));
        }

        @Test
        void candidateVotesThatDoNotAddUpToValidBallotsAreReportedAsCis03Only() {
            var values = new ProtocolValues(balancedCis().lines(), Map.of("1", 351L, "2", 250L));

            assertThat(CIS.check(values).violations()).containsExactly(
                    new Violation("CIS-03", RelationLevel.HARD, "L10 = CANDIDATES", 600, 601));
        }

        @Test
        void moreBallotsIssuedThanVotersOnTheListIsReportedAsCis04Only() {
            assertThat(CIS.check(balancedCis().withLine(1, 619)).violations()).containsExactly(
                    new Violation("CIS-04", RelationLevel.HARD, "L4 + L5 <= L1", 620, 619));
        }

        @Test
        void moreBallotsInTheBoxesThanIssuedIsOnlyASoftWarning() {
            CheckReport report = CIS.check(balancedCis().withLine(8, 610).withLine(9, 30));

            assertThat(report.violations()).containsExactly(
                    new Violation("CIS-05", RelationLevel.SOFT, "L7 + L8 <= L4 + L5", 630, 620));
            assertThat(report.hasHardViolation()).isFalse();
            assertThat(report.warnings()).hasSize(1);
            assertThat(report.hardViolations()).isEmpty();
        }

        @Test
        void everyBrokenRelationIsReportedNotJustTheFirst() {
            var values = new ProtocolValues(
                    balancedCis().withLine(6, 171).withLine(9, 11).withLine(1, 619).lines(),
                    Map.of("1", 1L));

            assertThat(CIS.check(values).ruleCodes()).containsExactly("CIS-01", "CIS-02", "CIS-03", "CIS-04");
        }

        @Test
        void aMissingLineIsReportedAsPrt001() {
            CheckReport report = CIS.check(withoutLine(balancedCis(), 2));

            assertThat(report.violations()).containsExactly(
                    new Violation("PRT-001", RelationLevel.HARD, "L2 (TRANSFER_CERTIFICATES) is missing", 0, 0));
        }

        @Test
        void relationsOverAMissingLineAreNotEvaluatedBecauseTheirResultWouldBeMeaningless() {
            assertThat(CIS.check(withoutLine(balancedCis(), 6)).ruleCodes()).containsExactly("PRT-001");
        }

        @Test
        void aLineTheTemplateDoesNotHaveIsReportedAsPrt002() {
            assertThat(CIS.check(balancedCis().withLine(12, 350)).violations()).containsExactly(
                    new Violation("PRT-002", RelationLevel.HARD, "L12 is not a line of CIS-PRESIDENTIAL-2024", 350, 0));
        }

        @Test
        void aNegativeCountIsReportedAsPrt003() {
            assertThat(CIS.check(balancedCis().withLine(2, -1)).violations()).containsExactly(
                    new Violation("PRT-003", RelationLevel.HARD, "L2 >= 0", -1, 0));
        }

        @Test
        void negativeCandidateVotesAreReportedAsPrt003() {
            var values = new ProtocolValues(balancedCis().lines(), Map.of("1", 610L, "2", -10L));

            assertThat(CIS.check(values).violations()).containsExactly(
                    new Violation("PRT-003", RelationLevel.HARD, "candidate 2 >= 0", -10, 0));
        }

        @Test
        void aCountOverABillionIsReportedAsPrt004AndNoRelationIsAddedUpWithIt() {
            long quarter = 1L << 62; // three of them overflow a long in CIS-03's sum of the candidates' votes
            var values = new ProtocolValues(balancedCis().withLine(1, Long.MAX_VALUE).lines(),
                    Map.of("1", quarter, "2", quarter, "3", quarter));

            assertThat(CIS.check(values).violations()).containsExactly(
                    new Violation("PRT-004", RelationLevel.HARD, "L1 <= 999999999", Long.MAX_VALUE, 999_999_999),
                    new Violation("PRT-004", RelationLevel.HARD, "candidate 1 <= 999999999", quarter, 999_999_999),
                    new Violation("PRT-004", RelationLevel.HARD, "candidate 2 <= 999999999", quarter, 999_999_999),
                    new Violation("PRT-004", RelationLevel.HARD, "candidate 3 <= 999999999", quarter, 999_999_999));
            assertThat(CIS.check(balancedCis().withLine(1, 999_999_999)).ruleCodes()).doesNotContain("PRT-004");
        }

        @Test
        void turnoutCountsBallotsIssuedAtAndOutsideTheStationAndSharesUseValidBallots() {
            assertThat(CIS.ballotsIssued(balancedCis())).isEqualTo(620);
            assertThat(balancedCis().line(CIS.votersOnListLine())).isEqualTo(1000);
            assertThat(CIS.shareDenominator(balancedCis())).isEqualTo(600);
        }
    }

    @Nested
    class RussianPresidential2018 {

        /** One precinct row of the 2018 results, lines 1..12. */
        private static ProtocolValues precinct(long ballotsReceived, long lostBallots) {
            return ProtocolValues.numbered(Map.of("baburin", 4L, "grudinin", 70L, "zhirinovsky", 36L, "putin", 480L,
                            "sobchak", 10L, "suraykin", 2L, "titov", 3L, "yavlinsky", 5L),
                    1000, ballotsReceived, 0, 600, 20, 480, 20, 600, 10, 610, lostBallots, 0);
        }

        @Test
        void builtInTemplateValidatesClean() {
            assertThat(RU.validate()).isEmpty();
            assertThat(RU.lineNumbers()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        }

        @Test
        void realPrecinctRowHasNoViolations() {
            assertThat(precinct(1100, 0).candidateTotal()).isEqualTo(610);
            assertThat(RU.check(precinct(1100, 0)).violations()).isEmpty();
        }

        @Test
        void aLostBallotIsAccountedForWhenBallotsReceivedIncludeIt() {
            assertThat(RU.check(precinct(1101, 1)).violations()).isEmpty();
        }

        @Test
        void aLostBallotThatIsNotAccountedForBreaksRu01() {
            assertThat(RU.check(precinct(1100, 1)).violations()).containsExactly(
                    new Violation("RU-01", RelationLevel.HARD, "L2 = L3 + L4 + L5 + L6 + L11 - L12", 1100, 1101));
        }

        @Test
        void sharesAreTakenOfValidAndInvalidBallotsAndTurnoutIncludesEarlyVoters() {
            assertThat(RU.shareDenominatorName()).isEqualTo("valid and invalid ballots");
            assertThat(RU.shareDenominator(precinct(1100, 0))).isEqualTo(620);
            assertThat(RU.ballotsIssued(precinct(1100, 0).withLine(3, 5))).isEqualTo(625);
        }
    }

    @Nested
    class Validation {

        private static ProtocolTemplate template(List<ProtocolLine> lines, List<ControlRelation> relations) {
            return new ProtocolTemplate("T", "Test form", lines, relations, List.of(2), 1, List.of(2), "valid ballots", 2, 1);
        }

        private static final List<ProtocolLine> TWO_LINES = List.of(
                new ProtocolLine(1, "VOTERS", "Voters"), new ProtocolLine(2, "VALID", "Valid ballots"));

        @Test
        void aRelationReferencingLine99FailsValidation() {
            var template = template(TWO_LINES,
                    List.of(new ControlRelation("T-01", RelationLevel.HARD, "L2 <= L1 + L99", "bad")));

            assertThat(template.validate()).containsExactly(new TemplateProblem("TPL-004",
                    "T-01 refers to L99, which is not a line of the template"));
        }

        @Test
        void duplicateLineNumbersAndCodesAreReported() {
            var template = template(List.of(new ProtocolLine(1, "VOTERS", "Voters"),
                    new ProtocolLine(2, "VALID", "Valid"), new ProtocolLine(2, "VALID", "Valid again")), List.of());

            assertThat(template.validate()).extracting(TemplateProblem::code).containsExactly("TPL-001", "TPL-002");
        }

        @Test
        void duplicateRuleCodesAreReported() {
            var template = template(TWO_LINES, List.of(
                    new ControlRelation("T-01", RelationLevel.HARD, "L2 <= L1", "a"),
                    new ControlRelation("T-01", RelationLevel.SOFT, "L2 >= L1", "b")));

            assertThat(template.validate()).extracting(TemplateProblem::code).containsExactly("TPL-003");
        }

        @Test
        void anUnparseableExpressionIsReportedWithTheParserMessage() {
            var template = template(TWO_LINES,
                    List.of(new ControlRelation("T-01", RelationLevel.HARD, "L2 =< L1", "typo")));

            assertThat(template.validate()).singleElement().satisfies(problem -> {
                assertThat(problem.code()).isEqualTo("TPL-005");
                assertThat(problem.message()).startsWith("T-01: invalid relation 'L2 =< L1'").contains("unknown token '<' at column 5");
            });
        }

        @Test
        void settingsPointingOutsideTheTemplateAreReported() {
            var template = new ProtocolTemplate("T", "Test form", TWO_LINES, List.of(),
                    List.of(4), 1, List.of(2), "valid ballots", 2, 9);

            assertThat(template.validate()).containsExactly(
                    new TemplateProblem("TPL-006", "ballots issued refers to L4, which is not a line of the template"),
                    new TemplateProblem("TPL-006", "invalid ballots refers to L9, which is not a line of the template"));
        }

        @Test
        void allProblemsAreReportedTogether() {
            var template = new ProtocolTemplate(" ", "", List.of(), List.of(
                    new ControlRelation("T-01", RelationLevel.HARD, "L1 = ", "")),
                    List.of(), 1, List.of(), " ", 1, 1);

            assertThat(template.validate()).extracting(TemplateProblem::code)
                    .contains("TPL-005", "TPL-006", "TPL-007")
                    .filteredOn("TPL-007"::equals).hasSize(6);
        }

        @Test
        void checkingAgainstAnInvalidTemplateIsAProgrammingError() {
            var template = template(TWO_LINES,
                    List.of(new ControlRelation("T-01", RelationLevel.HARD, "L2 <= L99", "bad")));

            assertThatIllegalStateException()
                    .isThrownBy(() -> template.check(ProtocolValues.numbered(Map.of(), 10, 5)))
                    .withMessageContaining("TPL-004");
        }
    }
}
