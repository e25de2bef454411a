package org.electora.results.internal;

/**
 * What the last action on the entry page led to: a message key ({@code ruleCode} null) or a refusal with its rule
 * code and the server's explanation. For page templates.
 */
public record EntryNotice(String ruleCode, String message, boolean success) {
}
