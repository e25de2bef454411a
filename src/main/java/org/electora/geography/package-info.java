/**
 * Geography: the versioned electoral map — country, regions, constituencies, polling stations at home and abroad
 * (host country, diplomatic mission, IANA time zone, attached constituency).
 * API: {@link org.electora.geography.ElectoralMap} to read it, {@link org.electora.geography.MapImport} to load it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Geography")
package org.electora.geography;
