package org.electora.platform;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * What the last action on a staff page led to, shown once after its redirect (template {@code platform/notice}):
 * a message key with its arguments ({@code ruleCode} null), or a refusal with its rule code and the server's reason.
 * A refusal keeps what its form held ({@link #kept(String)}), so that the page shows the form filled in again: an
 * operator who mistyped one line of a protocol corrects that line instead of keying the paper a second time.
 */
public record PageNotice(String ruleCode, String message, boolean success, List<Object> args, Map<String, String> form) {

    public PageNotice {
        args = List.copyOf(args);
        form = Map.copyOf(form);
    }

    /** The action did what was asked: the message key to show, with its arguments. */
    public static PageNotice done(String messageKey, Object... args) {
        return new PageNotice(null, messageKey, true, List.of(args), Map.of());
    }

    /** The action went through but needs attention (e.g. two entries that differ): a message key shown as an error. */
    public static PageNotice warning(String messageKey, Object... args) {
        return new PageNotice(null, messageKey, false, List.of(args), Map.of());
    }

    /** A refusal the page shows: its rule code and reason (every problem of an {@link InvalidInput}). */
    public static PageNotice refused(RuntimeException refusal) {
        return switch (refusal) {
            case Conflict c -> new PageNotice(c.ruleCode(), c.getMessage(), false, List.of(), Map.of());
            case InvalidInput i -> new PageNotice(i.problems().getFirst().ruleCode(),
                    String.join("; ", i.problems().stream().map(Problem::message).toList()), false, List.of(), Map.of());
            default -> new PageNotice("GEN-400", refusal.getMessage(), false, List.of(), Map.of());
        };
    }

    /**
     * Runs a page's action; a {@link Conflict} or {@link InvalidInput} becomes the notice of its refusal (nothing was
     * changed by it). Anything else — {@link AccessDenied}, {@link NotFound} — goes on to the page's error handling.
     */
    public static PageNotice attempt(Supplier<PageNotice> action) {
        return attempt(Map.of(), action);
    }

    /**
     * As {@link #attempt(Supplier)}, for a form whose fields a refusal gives back to the page: every field of
     * {@code form} but the CSRF token (which the page writes anew).
     */
    public static PageNotice attempt(Map<String, String> form, Supplier<PageNotice> action) {
        try {
            return action.get();
        } catch (Conflict | InvalidInput e) {
            PageNotice refused = refused(e);
            Map<String, String> kept = new TreeMap<>(form);
            kept.remove("_csrf");
            return new PageNotice(refused.ruleCode(), refused.message(), false, List.of(), kept);
        }
    }

    /** What the refused form held in {@code field}; null after a success, or for a field it did not send. */
    public String kept(String field) {
        return form.get(field);
    }

    /** As {@link #kept(String)} for a page that may have no notice (a template's {@code value} is then left out). */
    public static String keptIn(PageNotice notice, String field) {
        return notice == null ? null : notice.kept(field);
    }

    /** What {@code field} held in the refused form whose {@code action} field was {@code action}: forms that share names. */
    public static String keptIn(PageNotice notice, String action, String field) {
        return notice != null && action.equals(notice.kept("action")) ? notice.kept(field) : null;
    }
}
