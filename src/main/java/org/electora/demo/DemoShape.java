package org.electora.demo;

/**
 * Size of the generated demonstration republic.
 *
 * <p>Both shapes describe the same fictional republic (capital time zone {@code Asia/Baku}, map country code
 * {@code XR}) and exercise the same features: regions, constituencies, domestic polling stations of every kind,
 * stations in resettled areas and stations abroad in several host countries and time zones. They differ only in
 * size. The generated data is deterministic: the same shape always yields byte-identical output.
 */
public enum DemoShape {

    /**
     * Full size, modelled on a real national presidential election: 14 regions, 125 constituencies and
     * 6,537 polling stations, of which 49 are abroad in 37 countries and 26 are in resettled areas.
     */
    FULL,

    /**
     * Small size for tests and quick demonstrations: 3 regions, 6 constituencies and 60 polling stations, of which
     * 5 are abroad in 4 countries (including one in an American time zone and one east of the capital) and 2 are in
     * resettled areas.
     */
    SMALL
}
