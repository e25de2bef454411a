package org.electora.platform;

import java.util.List;

/** Input that breaks one or more rules; every problem is reported, not only the first (answered with 422). */
public class InvalidInput extends RuntimeException {
    private final List<Problem> problems;

    public InvalidInput(List<Problem> problems) {
        super(problems.size() + " problem(s): " + problems.stream().limit(3).map(Problem::toString).toList());
        this.problems = List.copyOf(problems);
    }

    public InvalidInput(String ruleCode, String message) {
        this(List.of(new Problem(ruleCode, 0, null, message)));
    }

    public List<Problem> problems() {
        return problems;
    }
}
