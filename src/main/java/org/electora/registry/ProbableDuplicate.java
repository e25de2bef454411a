package org.electora.registry;

/** Two records that probably describe one person, with the evidence weight (log2 likelihood ratio) behind it. */
public record ProbableDuplicate(String firstId, String secondId, double weight, double probability) {
}
