/**
 * Publication: numbered, immutable snapshots of each contest's results, published after the national embargo and
 * served to the public (REST, open data as CSV and NIST SP 1500-100 v2 JSON/XML) without touching the live results
 * tables; and the CEC's certification of the result.
 * API: {@link org.electora.publication.Publishing} (publish and read snapshots),
 * {@link org.electora.publication.Certification}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Publication")
package org.electora.publication;
