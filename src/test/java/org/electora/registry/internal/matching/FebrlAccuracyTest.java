package org.electora.registry.internal.matching;

import java.util.List;

import org.electora.registry.PersonRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Duplicate detection measured on the FEBRL benchmark, with its ground truth (docs/benchmarks.md records the figures). */
class FebrlAccuracyTest {

    private static final Logger log = LoggerFactory.getLogger(FebrlAccuracyTest.class);

    private static Febrl.Accuracy deduplicate(String file) {
        List<PersonRecord> records = Febrl.resource(file);
        var accuracy = Febrl.accuracy(records, null, DuplicateDetector.deduplicate(records));
        log.info("FEBRL {}: {}", file, accuracy);
        return accuracy;
    }

    @Test
    void findsTheDuplicatesOfDataset1() {
        assertThat(deduplicate("dataset1.csv").f1()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void findsTheDuplicatesOfDataset2() {
        assertThat(deduplicate("dataset2.csv").f1()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void findsTheDuplicatesOfDataset3() {
        assertThat(deduplicate("dataset3.csv").f1()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void linksDataset4aWith4b() {
        List<PersonRecord> a = Febrl.resource("dataset4a.csv");
        List<PersonRecord> b = Febrl.resource("dataset4b.csv");
        var accuracy = Febrl.accuracy(a, b, DuplicateDetector.link(a, b));
        log.info("FEBRL 4a x 4b: {}", accuracy);
        assertThat(accuracy.f1()).isGreaterThanOrEqualTo(0.95);
    }
}
