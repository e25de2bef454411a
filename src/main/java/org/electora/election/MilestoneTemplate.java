package org.electora.election;

/**
 * A preparatory step as it appears in the law, before it is pinned to a date.
 *
 * @param offsetDays days relative to polling day: negative before, 0 on, positive after
 */
public record MilestoneTemplate(String code, String title, int offsetDays, String responsibleBody) {

    public MilestoneTemplate {
        requireText(code, "code");
        requireText(title, "title");
        requireText(responsibleBody, "responsibleBody");
    }

    static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
