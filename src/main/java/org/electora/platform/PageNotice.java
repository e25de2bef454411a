package org.electora.platform;

import java.util.List;
import java.util.function.Supplier;

/**
 * What the last action on a staff page led to, shown once after its redirect (template {@code platform/notice}):
 * a message key with its arguments ({@code ruleCode} null), or a refusal with its rule code and the server's reason.
 */
public record PageNotice(String ruleCode, String message, boolean success, List<Object> args) {

    public PageNotice {
        args = List.copyOf(args);
    }

    /** The action did what was asked: the message key to show, with its arguments. */
    public static PageNotice done(String messageKey, Object... args) {
        return new PageNotice(null, messageKey, true, List.of(args));
    }

    /** The action went through but needs attention (e.g. two entries that differ): a message key shown as an error. */
    public static PageNotice warning(String messageKey, Object... args) {
        return new PageNotice(null, messageKey, false, List.of(args));
    }

    /** A refusal the page shows: its rule code and reason (every problem of an {@link InvalidInput}). */
    public static PageNotice refused(RuntimeException refusal) {
        return switch (refusal) {
            case Conflict c -> new PageNotice(c.ruleCode(), c.getMessage(), false, List.of());
            case InvalidInput i -> new PageNotice(i.problems().getFirst().ruleCode(),
                    String.join("; ", i.problems().stream().map(Problem::message).toList()), false, List.of());
            default -> new PageNotice("GEN-400", refusal.getMessage(), false, List.of());
        };
    }

    /**
     * Runs a page's action; a {@link Conflict} or {@link InvalidInput} becomes the notice of its refusal (nothing was
     * changed by it). Anything else — {@link AccessDenied}, {@link NotFound} — goes on to the page's error handling.
     */
    public static PageNotice attempt(Supplier<PageNotice> action) {
        try {
            return action.get();
        } catch (Conflict | InvalidInput e) {
            return refused(e);
        }
    }
}
