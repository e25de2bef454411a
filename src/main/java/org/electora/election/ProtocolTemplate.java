package org.electora.election;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A protocol form as data: its lines, the control relations between them, and which lines feed turnout and
 * vote shares. Different countries and election types differ only in this data, never in code.
 *
 * <p>The constructor only rejects nulls; everything an administrator can get wrong is reported by
 * {@link #validate()} as a list of problems, so an authoring page can show them all at once.
 *
 * @param ballotsIssuedLines    turnout numerator, e.g. [4, 5] (issued at and outside the station)
 * @param votersOnListLine      turnout denominator, e.g. 1
 * @param shareDenominatorLines lines summed as the base of candidate vote shares; the law differs by country
 *                              (valid ballots only in many CIS states, valid plus invalid in Russia)
 * @param shareDenominatorName  how pages name that base, e.g. "valid ballots"
 */
public record ProtocolTemplate(
        String code,
        String name,
        List<ProtocolLine> lines,
        List<ControlRelation> relations,
        List<Integer> ballotsIssuedLines,
        int votersOnListLine,
        List<Integer> shareDenominatorLines,
        String shareDenominatorName,
        int validBallotsLine,
        int invalidBallotsLine) {

    /** A template line has no value. */
    public static final String MISSING_LINE = "PRT-001";
    /** A value was entered for a line the template does not have. */
    public static final String UNKNOWN_LINE = "PRT-002";
    /** A count is negative. */
    public static final String NEGATIVE_VALUE = "PRT-003";
    /** A count is above {@link #MAX_COUNT}: a typing slip (no station has a billion voters), and sums must not overflow. */
    public static final String TOO_LARGE = "PRT-004";
    /** The largest count a protocol line or a candidate's votes may hold. */
    public static final long MAX_COUNT = 999_999_999L;

    /**
     * Templates are read once per election and then checked against every protocol of the night: their analysis
     * (the relations parsed, the template validated) is kept per template instance rather than redone per protocol.
     * Keyed by identity, because hashing a template's lines and relations for every protocol cost about as much as
     * the lookup saved; an equal template read again is analysed again. Few templates ever exist; the bound only
     * guards against a caller making them in a loop.
     */
    private static final Map<Instance, Analysis> ANALYSED = new ConcurrentHashMap<>();
    private static final int ANALYSED_BOUND = 256;

    private record Instance(ProtocolTemplate template) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Instance other && other.template == template;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(template);
        }
    }

    public ProtocolTemplate {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        relations = List.copyOf(Objects.requireNonNull(relations, "relations"));
        ballotsIssuedLines = List.copyOf(Objects.requireNonNull(ballotsIssuedLines, "ballotsIssuedLines"));
        shareDenominatorLines = List.copyOf(Objects.requireNonNull(shareDenominatorLines, "shareDenominatorLines"));
        Objects.requireNonNull(shareDenominatorName, "shareDenominatorName");
    }

    public List<TemplateProblem> validate() {
        return analyse().problems();
    }

    /** The template's line numbers in ascending order (unmodifiable). */
    public Set<Integer> lineNumbers() {
        return analysed().lineNumbers();
    }

    private Analysis analysed() {
        Instance key = new Instance(this);
        Analysis analysis = ANALYSED.get(key);
        if (analysis == null) {
            if (ANALYSED.size() >= ANALYSED_BOUND) {
                ANALYSED.clear();
            }
            analysis = analyse();
            ANALYSED.put(key, analysis);
        }
        return analysis;
    }

    /**
     * Runs every check on one protocol and returns all violations, not just the first, so a commission can fix
     * the protocol in one pass. A relation that refers to a missing line is not evaluated: its result would be
     * meaningless, and the missing line is already reported as {@value #MISSING_LINE}.
     *
     * @throws IllegalStateException if the template itself is invalid; templates are validated when authored
     */
    public CheckReport check(ProtocolValues values) {
        Objects.requireNonNull(values, "values");
        Analysis analysis = analysed();
        if (!analysis.problems().isEmpty()) {
            throw new IllegalStateException("template " + code + " is invalid: " + analysis.problems());
        }
        var violations = new ArrayList<Violation>();
        for (ProtocolLine line : lines) {
            if (!values.hasLine(line.number())) {
                violations.add(new Violation(MISSING_LINE, RelationLevel.HARD,
                        "L" + line.number() + " (" + line.code() + ") is missing", 0, 0));
            } else if (values.line(line.number()) < 0) {
                violations.add(new Violation(NEGATIVE_VALUE, RelationLevel.HARD,
                        "L" + line.number() + " >= 0", values.line(line.number()), 0));
            } else if (values.line(line.number()) > MAX_COUNT) {
                violations.add(new Violation(TOO_LARGE, RelationLevel.HARD,
                        "L" + line.number() + " <= " + MAX_COUNT, values.line(line.number()), MAX_COUNT));
            }
        }
        Set<Integer> known = analysis.lineNumbers();
        if (!known.containsAll(values.lines().keySet())) {
            new TreeMap<>(values.lines()).forEach((number, value) -> {
                if (!known.contains(number)) {
                    violations.add(new Violation(UNKNOWN_LINE, RelationLevel.HARD,
                            "L" + number + " is not a line of " + code, value, 0));
                }
            });
        }
        if (values.candidateVotes().values().stream().anyMatch(votes -> votes < 0)) {
            new TreeMap<>(values.candidateVotes()).forEach((candidate, votes) -> {
                if (votes < 0) {
                    violations.add(new Violation(NEGATIVE_VALUE, RelationLevel.HARD,
                            "candidate " + candidate + " >= 0", votes, 0));
                }
            });
        }
        new TreeMap<>(values.candidateVotes()).forEach((candidate, votes) -> {
            if (votes > MAX_COUNT) {
                violations.add(new Violation(TOO_LARGE, RelationLevel.HARD, "candidate " + candidate + " <= " + MAX_COUNT,
                        votes, MAX_COUNT));
            }
        });
        if (violations.stream().anyMatch(v -> v.ruleCode().equals(TOO_LARGE))) {
            return new CheckReport(violations); // the relations' sums could overflow, and mean nothing
        }
        for (int i = 0; i < relations.size(); i++) {
            ControlRelation relation = relations.get(i);
            LinearRelation parsed = analysis.parsed().get(i);
            if (!parsed.lines().stream().allMatch(values::hasLine)) {
                continue;
            }
            LinearRelation.Evaluation evaluation = parsed.evaluate(values);
            if (!evaluation.holds()) {
                violations.add(new Violation(relation.ruleCode(), relation.level(), relation.expression(),
                        evaluation.lhs(), evaluation.rhs()));
            }
        }
        return new CheckReport(violations);
    }

    /** Numerator of turnout: ballots issued to voters. */
    public long ballotsIssued(ProtocolValues values) {
        return sum(ballotsIssuedLines, values);
    }

    /** Base of candidate vote shares, named on pages by {@link #shareDenominatorName()}. */
    public long shareDenominator(ProtocolValues values) {
        return sum(shareDenominatorLines, values);
    }

    private static long sum(List<Integer> numbers, ProtocolValues values) {
        long total = 0;
        for (int number : numbers) {
            total = Math.addExact(total, values.line(number));
        }
        return total;
    }

    private record Analysis(List<TemplateProblem> problems, List<LinearRelation> parsed, Set<Integer> lineNumbers) {
    }

    /** Validation and parsing in one pass, so {@link #check} evaluates exactly what {@link #validate} accepted. */
    private Analysis analyse() {
        var problems = new ArrayList<TemplateProblem>();
        var parsed = new ArrayList<LinearRelation>();
        if (code.isBlank()) {
            problems.add(new TemplateProblem(TemplateProblem.MISSING_FIELD, "template code is blank"));
        }
        if (name.isBlank()) {
            problems.add(new TemplateProblem(TemplateProblem.MISSING_FIELD, "template name is blank"));
        }
        if (lines.isEmpty()) {
            problems.add(new TemplateProblem(TemplateProblem.MISSING_FIELD, "template has no lines"));
        }
        if (shareDenominatorName.isBlank()) {
            problems.add(new TemplateProblem(TemplateProblem.MISSING_FIELD, "share denominator name is blank"));
        }
        if (ballotsIssuedLines.isEmpty()) {
            problems.add(new TemplateProblem(TemplateProblem.MISSING_FIELD, "no lines for ballots issued (turnout)"));
        }
        if (shareDenominatorLines.isEmpty()) {
            problems.add(new TemplateProblem(TemplateProblem.MISSING_FIELD, "no lines for the share denominator"));
        }

        var numbers = new HashSet<Integer>();
        var codes = new HashSet<String>();
        for (ProtocolLine line : lines) {
            if (!numbers.add(line.number())) {
                problems.add(new TemplateProblem(TemplateProblem.DUPLICATE_LINE_NUMBER,
                        "line number " + line.number() + " is used more than once"));
            }
            if (!codes.add(line.code())) {
                problems.add(new TemplateProblem(TemplateProblem.DUPLICATE_LINE_CODE,
                        "line code " + line.code() + " is used more than once"));
            }
        }

        var ruleCodes = new HashSet<String>();
        for (ControlRelation relation : relations) {
            if (!ruleCodes.add(relation.ruleCode())) {
                problems.add(new TemplateProblem(TemplateProblem.DUPLICATE_RULE_CODE,
                        "rule code " + relation.ruleCode() + " is used more than once"));
            }
            try {
                LinearRelation linear = LinearRelation.parse(relation.expression());
                parsed.add(linear);
                for (int number : linear.lines()) {
                    if (!numbers.contains(number)) {
                        problems.add(new TemplateProblem(TemplateProblem.UNKNOWN_LINE_IN_RELATION,
                                relation.ruleCode() + " refers to L" + number + ", which is not a line of the template"));
                    }
                }
            } catch (IllegalArgumentException unparseable) {
                problems.add(new TemplateProblem(TemplateProblem.UNPARSEABLE_RELATION,
                        relation.ruleCode() + ": " + unparseable.getMessage()));
            }
        }

        Map<String, List<Integer>> settings = Map.of(
                "ballots issued", ballotsIssuedLines,
                "voters on the list", List.of(votersOnListLine),
                "share denominator", shareDenominatorLines,
                "valid ballots", List.of(validBallotsLine),
                "invalid ballots", List.of(invalidBallotsLine));
        new TreeMap<>(settings).forEach((setting, referenced) -> {
            for (int number : referenced) {
                if (!numbers.contains(number)) {
                    problems.add(new TemplateProblem(TemplateProblem.UNKNOWN_LINE_IN_SETTING,
                            setting + " refers to L" + number + ", which is not a line of the template"));
                }
            }
        });
        return new Analysis(List.copyOf(problems), List.copyOf(parsed), Collections.unmodifiableSortedSet(new TreeSet<>(numbers)));
    }
}
