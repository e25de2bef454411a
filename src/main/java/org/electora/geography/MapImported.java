package org.electora.geography;

/** A new version of the electoral map was imported. */
public record MapImported(MapVersionId version, String countryCode, String name, int stations) {
}
