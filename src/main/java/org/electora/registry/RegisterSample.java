package org.electora.registry;

import java.time.LocalDate;
import java.util.List;

/**
 * A synthetic register sample for the current election (the demo republic's first start): generated voters imported
 * through {@link RegisterImport}, assignment rules covering every generated address, assignment run, and the few
 * voters living abroad put on lists abroad through approved applications. Synthetic people only.
 */
public interface RegisterSample {

    /** Loads {@code voters} synthetic voters (deterministic for {@code seed}) for the current election. */
    Result load(int voters, long seed);

    /** A few sample voters with a list of the current election, to try at {@code /where-do-i-vote}; same every time. */
    List<SampleVoter> tryThese(int howMany);

    record SampleVoter(String nationalId, LocalDate dateOfBirth, String stationCode, boolean abroad) {
    }

    record Result(RegisterImport.Report imported, long rules, long assigned, long uncovered, long movedAbroad,
                  long abroadLeftOff) {
    }
}
