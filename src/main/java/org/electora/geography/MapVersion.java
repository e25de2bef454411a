package org.electora.geography;

import java.time.OffsetDateTime;
import java.time.ZoneId;

/** One version of a country's electoral map, as imported. {@code capitalZone} is where national times are told. */
public record MapVersion(MapVersionId id, String countryCode, String name, ZoneId capitalZone, String sourceSha256,
                         OffsetDateTime importedAt, String importedBy) {
}
