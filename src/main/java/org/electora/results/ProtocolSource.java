package org.electora.results;

/** How a protocol version arrived. */
public enum ProtocolSource {
    /** Submitted electronically through the API by the station's or mission's operator. */
    ELECTRONIC,
    /** Keyed from the paper protocol by two operators independently, matched or resolved by a supervisor. */
    DOUBLE_ENTRY,
    /** Loaded from a historic results file. */
    IMPORT
}
