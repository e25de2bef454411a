/**
 * Results: protocols from every polling station (electronic or keyed twice from paper), their control relations,
 * quarantine, amendments and annulments with every version kept, and the tallies up the map.
 * API: {@link org.electora.results.Protocols} (submit and decide), {@link org.electora.results.Tallies} (totals),
 * {@link org.electora.results.ConstituencyProtocols} (the constituency commissions' signed summary protocols).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Results")
package org.electora.results;
