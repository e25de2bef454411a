package org.electora.results.internal;

/**
 * One row of the comparison of two entries of a paper protocol: a template line ({@code line-7}) or a candidate's
 * votes ({@code vote-2}), as keyed by operator A and by operator B. {@code formPart} names the line's text in the
 * {@code protocol-forms} bundle ({@code line.VALID_BALLOTS}), null for a candidate. Public for the page templates only.
 */
public record EntryRow(String field, String label, String formPart, String name, long a, long b) {
    public boolean differs() {
        return a != b;
    }
}
