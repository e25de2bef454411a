package org.electora.results.internal;

import java.time.ZonedDateTime;

/**
 * When a station's polls close, by its own clock and in the capital's, and whether they have closed: what the entry
 * pages show beside each station (a mission in the Americas closes hours after the capital). For page templates.
 */
public record Closing(ZonedDateTime local, ZonedDateTime inCapital, boolean closed) {
}
