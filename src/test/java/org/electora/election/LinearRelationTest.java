package org.electora.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;

import org.electora.election.LinearRelation.Comparison;
import org.electora.election.LinearRelation.Evaluation;
import org.electora.election.LinearRelation.Operand;
import org.electora.election.LinearRelation.Term;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LinearRelationTest {

    private static Term line(long coefficient, int number) {
        return new Term(coefficient, new Operand.Line(number));
    }

    @Test
    void parsesBallotBalanceWithFourTermsOnTheRight() {
        LinearRelation relation = LinearRelation.parse("L3 = L4 + L5 + L6 + L11");

        assertThat(relation).isEqualTo(new LinearRelation(
                List.of(line(1, 3)), Comparison.EQUAL, List.of(line(1, 4), line(1, 5), line(1, 6), line(1, 11))));
        assertThat(relation.lines()).containsExactly(3, 4, 5, 6, 11);
        assertThat(relation.usesCandidates()).isFalse();
    }

    @Test
    void parsesSumsOnBothSides() {
        assertThat(LinearRelation.parse("L7 + L8 = L9 + L10")).isEqualTo(new LinearRelation(
                List.of(line(1, 7), line(1, 8)), Comparison.EQUAL, List.of(line(1, 9), line(1, 10))));
    }

    @Test
    void parsesCandidatesAsTheSumOfAllCandidateVotes() {
        LinearRelation relation = LinearRelation.parse("L10 = CANDIDATES");

        assertThat(relation.right()).containsExactly(new Term(1, new Operand.Candidates()));
        assertThat(relation.lines()).containsExactly(10);
        assertThat(relation.usesCandidates()).isTrue();
    }

    @Test
    void parsesInequalities() {
        assertThat(LinearRelation.parse("L4 + L5 <= L1").comparison()).isEqualTo(Comparison.AT_MOST);
        assertThat(LinearRelation.parse("L7 + L8 <= L4 + L5").comparison()).isEqualTo(Comparison.AT_MOST);
        assertThat(LinearRelation.parse("L1 >= L4 + L5").comparison()).isEqualTo(Comparison.AT_LEAST);
    }

    @Test
    void parsesSubtractionAsANegativeCoefficient() {
        assertThat(LinearRelation.parse("L2 = L3 + L4 + L5 + L6 + L11 - L12").right())
                .containsExactly(line(1, 3), line(1, 4), line(1, 5), line(1, 6), line(1, 11), line(-1, 12));
    }

    @Test
    void parsesIntegerCoefficientsAndALeadingSign() {
        assertThat(LinearRelation.parse("-2 * L3 + L4 = 3*CANDIDATES")).isEqualTo(new LinearRelation(
                List.of(line(-2, 3), line(1, 4)), Comparison.EQUAL, List.of(new Term(3, new Operand.Candidates()))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"L7+L8=L9+L10", "  L7 +   L8\t=\nL9 + L10  ", "L7 + L8 = L9 + L10"})
    void whitespaceBetweenTokensDoesNotMatter(String text) {
        assertThat(LinearRelation.parse(text)).isEqualTo(LinearRelation.parse("L7 + L8 = L9 + L10"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "L3 = L4 + L5 + L6 + L11", "L7 + L8 = L9 + L10", "L10 = CANDIDATES", "L4 + L5 <= L1",
            "L2 = L3 + L4 + L5 + L6 + L11 - L12", "-2 * L3 >= L4 - 3 * CANDIDATES"})
    void canonicalTextParsesBackToTheSameRelation(String text) {
        LinearRelation relation = LinearRelation.parse(text);

        assertThat(relation.toString()).isEqualTo(text);
        assertThat(LinearRelation.parse(relation.toString())).isEqualTo(relation);
    }

    @Test
    void evaluatesBothSidesAndWhetherTheRelationHolds() {
        var values = new ProtocolValues(Map.of(7, 20L, 8, 600L, 9, 10L, 10, 610L), Map.of("1", 400L, "2", 210L));

        assertThat(LinearRelation.parse("L7 + L8 = L9 + L10").evaluate(values)).isEqualTo(new Evaluation(620, 620, true));
        assertThat(LinearRelation.parse("L10 = CANDIDATES").evaluate(values)).isEqualTo(new Evaluation(610, 610, true));
        assertThat(LinearRelation.parse("L8 = L10").evaluate(values)).isEqualTo(new Evaluation(600, 610, false));
        assertThat(LinearRelation.parse("L8 <= L10").evaluate(values).holds()).isTrue();
        assertThat(LinearRelation.parse("L8 >= L10").evaluate(values).holds()).isFalse();
        assertThat(LinearRelation.parse("2 * L7 - L9 = 3 * L9").evaluate(values)).isEqualTo(new Evaluation(30, 30, true));
    }

    @Test
    void evaluatingALineWithoutAValueIsAProgrammingError() {
        var values = new ProtocolValues(Map.of(7, 1L), Map.of());

        assertThatIllegalArgumentException()
                .isThrownBy(() -> LinearRelation.parse("L7 = L8").evaluate(values))
                .withMessageContaining("L8");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            L3 = L4 # L5         | unknown token '#' at column 9
            L3 = L4 + X5         | unknown token 'X5' at column 11
            L3 = l4              | unknown token 'l4' at column 6
            L3 < L4              | unknown token '<' at column 4
            L3 + L4              | missing comparison operator
            L3 L4 = L5           | expected '+', '-' or a comparison operator at column 4 but found 'L4'
            L3 = L4 = L5         | second comparison operator '=' at column 9
            L3 <= L4 >= L5       | second comparison operator '>=' at column 10
            = L4                 | left side is empty
            'L3 = '              | right side is empty
            L0 = L1              | line numbers start at 1: 'L0' at column 1
            L3 = L4 +            | expected a term (Lnn, CANDIDATES or n * Lnn) at column 10 but found the end
            L3 = + + L4          | expected a term (Lnn, CANDIDATES or n * Lnn) at column 8 but found '+'
            L3 = 2 L4            | expected '*' after coefficient 2 at column 6 but found 'L4'
            L3 = 0 * L4          | coefficient 0 at column 6
            L3 = L4 L5           | expected '+' or '-' at column 9 but found 'L5'
            L = L4               | unknown token 'L' at column 1
            L3 = L4 + 5          | expected '*' after coefficient 5 at column 11 but found the end
            L3 = L99999999999    | line number 'L99999999999' at column 6 is too large
            """)
    void rejectsMalformedExpressionsNamingTheTokenAndColumn(String expression, String message) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LinearRelation.parse(expression))
                .withMessageStartingWith("invalid relation '" + expression + "'")
                .withMessageContaining(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void rejectsBlankExpressions(String blank) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LinearRelation.parse(blank))
                .withMessage("relation expression is blank");
    }
}
