package org.electora.results.internal;

/**
 * What the last action on a results page (entry, desk) led to: a message key with its {@code args} ({@code ruleCode}
 * null) or a refusal with its rule code and the server's explanation. For page templates.
 */
public record EntryNotice(String ruleCode, String message, boolean success, Object... args) {
}
