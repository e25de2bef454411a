package org.electora.registry.internal.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.electora.registry.PersonRecord;
import org.electora.registry.internal.SyntheticPeople;
import org.electora.support.ElectoraIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The voter table computes Latin name forms in SQL (registry_latin, V8) and checks national ids there
 * (registry_national_id_valid): both must agree with the Java used by duplicate detection and the generators.
 */
@ElectoraIntegrationTest
class SqlTransliterationTest {

    @Autowired JdbcClient jdbc;

    @Test
    void sqlLatinFormEqualsTheJavaTransliterationOfEveryKindOfSpelling() {
        List<String> names = new ArrayList<>(List.of("Məmmədov", "Мамедов", "Mammadov", "Hüseynova", "Гусейнова",
                "Çingiz", "Şəkərbəyli", "Xəlilov", "Qasımov", "Ağayev", "İsmayıl", "Ёлкин", "Щукин", "Cəfərli", "ЧАЙКА",
                "Юсифзаде", "Ирина", "O'Neil", "Jean-Luc Émile", "ҸƏФƏР", "Ҝүлнар"));
        SyntheticPeople.generate(2_000, 0.3, 7L).forEach(g -> {
            PersonRecord p = g.person();
            names.add(p.familyName());
            names.add(p.givenName());
        });
        for (String name : names) {
            assertThat(jdbc.sql("SELECT registry_latin(?)").param(name).query(String.class).single())
                    .as(name).isEqualTo(Transliteration.latin(name));
        }
    }

    @Test
    void sqlAcceptsExactlyTheNationalIdsWhoseLuhnDigitIsRight() {
        var random = new SplittableRandom(11L);
        for (int i = 0; i < 500; i++) {
            String digits = String.format("%08d", random.nextInt(100_000_000));
            int check = SyntheticPeople.luhn(digits);
            int wrong = (check + 1 + random.nextInt(9)) % 10;
            assertThat(jdbc.sql("SELECT registry_national_id_valid(?)").param(digits + check).query(Boolean.class).single()).isTrue();
            assertThat(jdbc.sql("SELECT registry_national_id_valid(?)").param(digits + wrong).query(Boolean.class).single()).isFalse();
        }
    }
}
