package org.electora.election;

/**
 * How serious a broken control relation is. A HARD violation blocks acceptance of the protocol; a SOFT one is
 * accepted but the precinct commission must explain it in writing (some discrepancies have legitimate causes).
 */
public enum RelationLevel {
    HARD,
    SOFT
}
