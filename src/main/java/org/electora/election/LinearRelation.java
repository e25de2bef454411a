package org.electora.election;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A control relation between protocol lines, such as {@code L3 = L4 + L5 + L6 + L11}. Templates keep relations
 * as text so that administrators can author them; this class is the one place that gives the text a meaning.
 *
 * <p>Grammar (whitespace between tokens is ignored):
 * <pre>
 * relation := side comparison side
 * side     := [sign] term (sign term)*
 * term     := [integer '*'] operand
 * operand  := 'L' integer            -- a protocol line, numbered from 1
 *           | 'CANDIDATES'           -- the sum of all candidate vote lines
 * sign     := '+' | '-'
 * comparison := '=' | '&lt;=' | '&gt;='
 * </pre>
 */
public record LinearRelation(List<Term> left, Comparison comparison, List<Term> right) {

    public LinearRelation {
        left = List.copyOf(Objects.requireNonNull(left, "left"));
        right = List.copyOf(Objects.requireNonNull(right, "right"));
        Objects.requireNonNull(comparison, "comparison");
        if (left.isEmpty() || right.isEmpty()) {
            throw new IllegalArgumentException("both sides of a relation need at least one term");
        }
    }

    public enum Comparison {
        EQUAL("="), AT_MOST("<="), AT_LEAST(">=");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean holds(long lhs, long rhs) {
            return switch (this) {
                case EQUAL -> lhs == rhs;
                case AT_MOST -> lhs <= rhs;
                case AT_LEAST -> lhs >= rhs;
            };
        }
    }

    public sealed interface Operand {
        record Line(int number) implements Operand {
            public Line {
                if (number < 1) {
                    throw new IllegalArgumentException("line numbers start at 1, got " + number);
                }
            }
        }

        record Candidates() implements Operand {
        }
    }

    /** @param coefficient signed: {@code - 2 * L4} is coefficient -2 */
    public record Term(long coefficient, Operand operand) {
        public Term {
            Objects.requireNonNull(operand, "operand");
            if (coefficient == 0) {
                throw new IllegalArgumentException("a term with coefficient 0 says nothing; leave it out");
            }
        }
    }

    public record Evaluation(long lhs, long rhs, boolean holds) {
    }

    public static LinearRelation parse(String expression) {
        return new Parser(expression).relation();
    }

    /** @throws IllegalArgumentException if a referenced line has no value; check completeness first */
    public Evaluation evaluate(ProtocolValues values) {
        Objects.requireNonNull(values, "values");
        long lhs = sum(left, values);
        long rhs = sum(right, values);
        return new Evaluation(lhs, rhs, comparison.holds(lhs, rhs));
    }

    /** Line numbers referenced on either side, in ascending order; {@code CANDIDATES} is not a line. */
    public Set<Integer> lines() {
        var numbers = new TreeSet<Integer>();
        for (List<Term> side : List.of(left, right)) {
            for (Term term : side) {
                if (term.operand() instanceof Operand.Line(int number)) {
                    numbers.add(number);
                }
            }
        }
        return Collections.unmodifiableSet(numbers);
    }

    public boolean usesCandidates() {
        return left.stream().anyMatch(t -> t.operand() instanceof Operand.Candidates)
                || right.stream().anyMatch(t -> t.operand() instanceof Operand.Candidates);
    }

    private static long sum(List<Term> side, ProtocolValues values) {
        long total = 0;
        for (Term term : side) {
            long value = switch (term.operand()) {
                case Operand.Line(int number) -> values.line(number);
                case Operand.Candidates() -> values.candidateTotal();
            };
            // Exact arithmetic: a silently wrapped sum could make a forged protocol look balanced.
            total = Math.addExact(total, Math.multiplyExact(term.coefficient(), value));
        }
        return total;
    }

    /** Canonical text, e.g. {@code L7 + L8 = L9 + L10}; parsing it yields an equal relation. */
    @Override
    public String toString() {
        return render(left) + " " + comparison.symbol() + " " + render(right);
    }

    private static String render(List<Term> side) {
        var text = new StringBuilder();
        for (int i = 0; i < side.size(); i++) {
            Term term = side.get(i);
            long magnitude = Math.abs(term.coefficient());
            if (i == 0) {
                text.append(term.coefficient() < 0 ? "-" : "");
            } else {
                text.append(term.coefficient() < 0 ? " - " : " + ");
            }
            if (magnitude != 1) {
                text.append(magnitude).append(" * ");
            }
            text.append(switch (term.operand()) {
                case Operand.Line(int number) -> "L" + number;
                case Operand.Candidates() -> "CANDIDATES";
            });
        }
        return text.toString();
    }

    /** Recursive-descent parser; every error names the offending token and its 1-based column. */
    private static final class Parser {

        private enum Kind { LINE, CANDIDATES, NUMBER, PLUS, MINUS, STAR, COMPARISON, END }

        private record Token(Kind kind, String text, int column, long number, Comparison comparison) {
        }

        private final String expression;
        private final List<Token> tokens;
        private int next;

        Parser(String expression) {
            if (expression == null || expression.isBlank()) {
                throw new IllegalArgumentException("relation expression is blank");
            }
            this.expression = expression;
            this.tokens = tokenize();
        }

        LinearRelation relation() {
            List<Term> left = side("left");
            Token token = peek();
            if (token.kind() == Kind.END) {
                throw error("missing comparison operator (=, <= or >=)");
            }
            if (token.kind() != Kind.COMPARISON) {
                throw error("expected '+', '-' or a comparison operator at column %d but found '%s'"
                        .formatted(token.column(), token.text()));
            }
            Comparison comparison = token.comparison();
            next++;
            List<Term> right = side("right");
            token = peek();
            if (token.kind() == Kind.COMPARISON) {
                throw error("second comparison operator '%s' at column %d; a relation has exactly one"
                        .formatted(token.text(), token.column()));
            }
            if (token.kind() != Kind.END) {
                throw error("expected '+' or '-' at column %d but found '%s'".formatted(token.column(), token.text()));
            }
            return new LinearRelation(left, comparison, right);
        }

        private List<Term> side(String which) {
            Token first = peek();
            if (first.kind() == Kind.END || first.kind() == Kind.COMPARISON) {
                throw error(which + " side is empty");
            }
            var terms = new ArrayList<Term>();
            long sign = 1;
            if (first.kind() == Kind.PLUS || first.kind() == Kind.MINUS) {
                sign = first.kind() == Kind.MINUS ? -1 : 1;
                next++;
            }
            terms.add(term(sign));
            while (peek().kind() == Kind.PLUS || peek().kind() == Kind.MINUS) {
                sign = peek().kind() == Kind.MINUS ? -1 : 1;
                next++;
                terms.add(term(sign));
            }
            return terms;
        }

        private Term term(long sign) {
            Token token = peek();
            long coefficient = 1;
            if (token.kind() == Kind.NUMBER) {
                coefficient = token.number();
                if (coefficient == 0) {
                    throw error("coefficient 0 at column %d makes the term meaningless".formatted(token.column()));
                }
                next++;
                Token star = peek();
                if (star.kind() != Kind.STAR) {
                    // Naming the number's own column: the usual mistake is a constant term, which has no meaning
                    // on a protocol (every quantity is a line).
                    throw error(("expected '*' after coefficient %d at column %d but found %s"
                            + " (constant terms are not allowed)")
                            .formatted(coefficient, token.column(), describe(star)));
                }
                next++;
                token = peek();
            }
            Operand operand = switch (token.kind()) {
                case LINE -> new Operand.Line((int) token.number());
                case CANDIDATES -> new Operand.Candidates();
                default -> throw error("expected a term (Lnn, CANDIDATES or n * Lnn) at column %d but found %s"
                        .formatted(token.column(), describe(token)));
            };
            next++;
            return new Term(sign * coefficient, operand);
        }

        private Token peek() {
            return tokens.get(next);
        }

        private static String describe(Token token) {
            return token.kind() == Kind.END ? "the end of the expression" : "'" + token.text() + "'";
        }

        private IllegalArgumentException error(String detail) {
            return new IllegalArgumentException("invalid relation '" + expression + "': " + detail);
        }

        private List<Token> tokenize() {
            var result = new ArrayList<Token>();
            int i = 0;
            while (i < expression.length()) {
                char c = expression.charAt(i);
                int column = i + 1;
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '+') {
                    result.add(new Token(Kind.PLUS, "+", column, 0, null));
                    i++;
                } else if (c == '-') {
                    result.add(new Token(Kind.MINUS, "-", column, 0, null));
                    i++;
                } else if (c == '*') {
                    result.add(new Token(Kind.STAR, "*", column, 0, null));
                    i++;
                } else if (c == '=') {
                    result.add(new Token(Kind.COMPARISON, "=", column, 0, Comparison.EQUAL));
                    i++;
                } else if ((c == '<' || c == '>') && i + 1 < expression.length() && expression.charAt(i + 1) == '=') {
                    Comparison comparison = c == '<' ? Comparison.AT_MOST : Comparison.AT_LEAST;
                    result.add(new Token(Kind.COMPARISON, comparison.symbol(), column, 0, comparison));
                    i += 2;
                } else if (Character.isLetterOrDigit(c)) {
                    int end = i;
                    while (end < expression.length() && isWordChar(expression.charAt(end))) {
                        end++;
                    }
                    result.add(word(expression.substring(i, end), column));
                    i = end;
                } else {
                    throw error("unknown token '%s' at column %d (allowed: Lnn, CANDIDATES, integers, + - * = <= >=)"
                            .formatted(c, column));
                }
            }
            result.add(new Token(Kind.END, "", expression.length() + 1, 0, null));
            return result;
        }

        private static boolean isWordChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_';
        }

        private Token word(String word, int column) {
            if (word.equals("CANDIDATES")) {
                return new Token(Kind.CANDIDATES, word, column, 0, null);
            }
            if (word.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                return new Token(Kind.NUMBER, word, column, parseNumber(word, column), null);
            }
            if (word.length() > 1 && word.charAt(0) == 'L'
                    && word.substring(1).chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                long number = parseNumber(word.substring(1), column);
                if (number < 1) {
                    throw error("line numbers start at 1: '%s' at column %d".formatted(word, column));
                }
                if (number > Integer.MAX_VALUE) {
                    throw error("line number '%s' at column %d is too large".formatted(word, column));
                }
                return new Token(Kind.LINE, word, column, number, null);
            }
            throw error("unknown token '%s' at column %d (allowed: Lnn, CANDIDATES, integers, + - * = <= >=)"
                    .formatted(word, column));
        }

        private long parseNumber(String digits, int column) {
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException tooLarge) {
                throw error("number '%s' at column %d is too large".formatted(digits, column));
            }
        }
    }
}
