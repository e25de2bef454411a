package org.electora.platform;

import java.util.Map;

/**
 * Renders a lifecycle table as Mermaid, so the diagram in the docs is generated from the same table that
 * the code enforces and can never drift from it.
 */
public final class StateDiagrams {

    private StateDiagrams() {
    }

    /**
     * Output order follows enum declaration order of states and actions, which keeps the text stable
     * for snapshot comparisons and diffs in documentation.
     */
    public static <S extends Enum<S>, A extends Enum<A>> String mermaid(
            S initial, Map<S, Map<A, S>> table, Class<S> stateType) {
        var out = new StringBuilder("stateDiagram-v2\n");
        out.append("    [*] --> ").append(initial.name()).append('\n');
        for (S state : stateType.getEnumConstants()) {
            Map<A, S> row = table.getOrDefault(state, Map.of());
            row.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.append("    ").append(state.name())
                            .append(" --> ").append(e.getValue().name())
                            .append(" : ").append(e.getKey().name()).append('\n'));
        }
        for (S state : stateType.getEnumConstants()) {
            if (table.getOrDefault(state, Map.of()).isEmpty()) {
                out.append("    ").append(state.name()).append(" --> [*]\n");
            }
        }
        return out.toString();
    }
}
