/**
 * Registry: voters and their one list per election (issue 4). The register import, assignment by address, the public
 * lookup, scoped personal-data reads, moves between lists (applications to vote abroad, transfer certificates; the
 * {@link org.electora.registry.RegistrationLifecycle}) and probable-duplicate detection of person records (blocking,
 * Jaro–Winkler on transliterated names, Fellegi–Sunter weights learned by EM).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Voter register")
package org.electora.registry;
