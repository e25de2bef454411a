package org.electora.registry.internal.matching;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.electora.registry.PersonRecord;
import org.electora.registry.ProbableDuplicate;

/**
 * The FEBRL benchmark (src/test/resources/febrl, see PROVENANCE.md): records with the same rec-N are one person.
 * Fields map to a voter's: soc_sec_id → national id, suburb → settlement, address_1 → street, street_number → house.
 */
final class Febrl {

    record Accuracy(int truePairs, int found, int correct) {
        double precision() {
            return found == 0 ? 0 : (double) correct / found;
        }

        double recall() {
            return truePairs == 0 ? 0 : (double) correct / truePairs;
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        @Override
        public String toString() {
            return String.format("true pairs %d, found %d, correct %d, precision %.4f, recall %.4f, F1 %.4f",
                    truePairs, found, correct, precision(), recall(), f1());
        }
    }

    private Febrl() {
    }

    static List<PersonRecord> read(InputStream in) {
        try (var reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            List<PersonRecord> records = new ArrayList<>();
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                    .setIgnoreSurroundingSpaces(true).get().parse(reader)) {
                records.add(new PersonRecord(r.get("rec_id"), r.get("given_name"), r.get("surname"), r.get("date_of_birth"),
                        r.get("soc_sec_id"), r.get("suburb"), r.get("address_1"), r.get("street_number"), r.get("postcode")));
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<PersonRecord> resource(String name) {
        return read(Febrl.class.getResourceAsStream("/febrl/" + name));
    }

    static String entity(String recId) {
        return recId.split("-")[1];
    }

    static Accuracy accuracy(List<PersonRecord> left, List<PersonRecord> right, List<ProbableDuplicate> found) {
        Set<String> truth = new HashSet<>();
        if (right == null) {
            var byEntity = new java.util.HashMap<String, List<String>>();
            left.forEach(r -> byEntity.computeIfAbsent(entity(r.id()), k -> new ArrayList<>()).add(r.id()));
            byEntity.values().forEach(ids -> {
                for (int i = 0; i < ids.size(); i++) {
                    for (int j = i + 1; j < ids.size(); j++) {
                        truth.add(key(ids.get(i), ids.get(j)));
                    }
                }
            });
        } else {
            var rightByEntity = new java.util.HashMap<String, List<String>>();
            right.forEach(r -> rightByEntity.computeIfAbsent(entity(r.id()), k -> new ArrayList<>()).add(r.id()));
            left.forEach(l -> rightByEntity.getOrDefault(entity(l.id()), List.of())
                    .forEach(r -> truth.add(key(l.id(), r))));
        }
        int correct = (int) found.stream().filter(d -> truth.contains(key(d.firstId(), d.secondId()))).count();
        return new Accuracy(truth.size(), found.size(), correct);
    }

    private static String key(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }
}
