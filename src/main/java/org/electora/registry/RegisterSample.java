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

    /**
     * Loads a synthetic register as {@code spec} says, streamed through a temporary file (memory stays bounded
     * whatever its size), reporting the import's progress and then each phase to {@code progress}.
     */
    Result load(Spec spec, RegisterImport.Progress progress);

    /** A few sample voters with a list of the current election, to try at {@code /where-do-i-vote}; same every time. */
    List<SampleVoter> tryThese(int howMany);

    record SampleVoter(String nationalId, LocalDate dateOfBirth, String stationCode, boolean abroad) {
    }

    /**
     * {@code voters} synthetic voters (deterministic for {@code seed}); per 100,000 of them {@code abroadPer100k}
     * living abroad and {@code duplicatesPer100k} planted duplicates (written in addition, under new national ids);
     * then {@code businessTrips} voters of the home lists apply for a station abroad for a business trip over
     * polling day, and are approved.
     */
    record Spec(int voters, long seed, int abroadPer100k, int duplicatesPer100k, int businessTrips) {

        /** The demo republic's size: 6.5 million voters, about 3,250 abroad, 6,500 planted duplicates, 2,000 on trips. */
        public static Spec demoRepublic(long seed) {
            return new Spec(6_500_000, seed, 50, 100, 2_000);
        }

        public Spec {
            if (voters <= 0 || abroadPer100k < 0 || abroadPer100k > 100_000 || duplicatesPer100k < 0
                    || duplicatesPer100k > 100_000 || businessTrips < 0) {
                throw new IllegalArgumentException("not a register sample: " + voters + " voters, " + abroadPer100k
                        + " abroad, " + duplicatesPer100k + " duplicates per 100,000, " + businessTrips + " business trips");
            }
        }
    }

    record Result(RegisterImport.Report imported, long rules, long assigned, long uncovered, long movedAbroad,
                  long abroadLeftOff, long businessTrips) {
    }
}
