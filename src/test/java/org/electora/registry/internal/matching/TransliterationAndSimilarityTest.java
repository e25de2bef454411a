package org.electora.registry.internal.matching;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TransliterationAndSimilarityTest {

    @Test
    void azerbaijaniLatinCyrillicAndEnglishSpellingsMeet() {
        assertThat(Transliteration.latin("Məmmədov")).isEqualTo("mammadov");
        assertThat(Transliteration.latin("Mammadov")).isEqualTo("mammadov");
        assertThat(JaroWinkler.similarity(Transliteration.latin("Мамедов"), Transliteration.latin("Məmmədov"))).isGreaterThan(0.85);
        assertThat(JaroWinkler.similarity(Transliteration.latin("Şükürov"), Transliteration.latin("Шукюров"))).isGreaterThan(0.85);
    }

    @Test
    void jaroWinklerMatchesTheTextbookValues() {
        assertThat(JaroWinkler.similarity("martha", "marhta")).isCloseTo(0.9611, within(0.0001));
        assertThat(JaroWinkler.similarity("dwayne", "duane")).isCloseTo(0.84, within(0.0001));
        assertThat(JaroWinkler.similarity("dixon", "dicksonx")).isCloseTo(0.8133, within(0.0001));
        assertThat(JaroWinkler.similarity("abc", "xyz")).isZero();
    }

    @Test
    void datesWithSwappedDayAndMonthOrOneTypoAgreePartially() {
        assertThat(FieldComparison.date("19810407", "19810704")).isEqualTo(FieldComparison.PARTIAL);
        assertThat(FieldComparison.date("19810407", "19810417")).isEqualTo(FieldComparison.PARTIAL);
        assertThat(FieldComparison.date("19810407", "18910407")).isEqualTo(FieldComparison.PARTIAL);
        assertThat(FieldComparison.date("19810407", "19650912")).isEqualTo(FieldComparison.DISAGREE);
        assertThat(FieldComparison.date("", "19650912")).isEqualTo(FieldComparison.MISSING);
    }
}
