/**
 * Audit: the append-only, hash-chained log of every state change (NIST SP 1500-101 style).
 * Modules call {@link org.electora.audit.AuditLog} inside the transaction of their change;
 * auditors verify the chain through {@link org.electora.audit.AuditChain}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit log")
package org.electora.audit;
