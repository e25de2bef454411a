package org.electora.platform.internal.web;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.electora.election.ElectionStatus;
import org.electora.election.ProtocolTemplate;
import org.electora.election.ProtocolTemplates;
import org.electora.election.RelationLevel;
import org.electora.platform.Ui;
import org.electora.publication.SnapshotStatus;
import org.electora.results.ProtocolAction;
import org.electora.results.ProtocolSource;
import org.electora.results.ProtocolStatus;
import org.electora.results.internal.DeskPages;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page text exists in every language: each bundle under {@code messages/} has the same keys in its default,
 * English, Azerbaijani and Russian files, none empty, and a text takes the same arguments in every language (a
 * missing key would show the key itself on the page; a lost {@code {1}} would drop a number).
 */
class MessageBundlesTest {

    private static final Path DIR = Path.of("src/main/resources/messages");

    @Test
    void everyBundleHasEveryKeyInEveryLanguageWithTheSameArguments() throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> bundles;
        try (Stream<Path> files = Files.list(DIR)) {
            bundles = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".properties") && !n.contains("_"))
                    .map(n -> n.substring(0, n.length() - ".properties".length())).sorted().toList();
        }
        assertThat(bundles).contains("platform", "results", "publication");
        for (String bundle : bundles) {
            Properties base = load(bundle + ".properties");
            for (String language : Ui.LANGUAGES) {
                Properties translated = load(bundle + "_" + language + ".properties");
                TreeSet<String> missing = new TreeSet<>(base.stringPropertyNames());
                missing.removeAll(translated.stringPropertyNames());
                TreeSet<String> extra = new TreeSet<>(translated.stringPropertyNames());
                extra.removeAll(base.stringPropertyNames());
                missing.forEach(k -> problems.add(bundle + "_" + language + ": missing " + k));
                extra.forEach(k -> problems.add(bundle + "_" + language + ": not in the default file " + k));
                for (String key : translated.stringPropertyNames()) {
                    String text = translated.getProperty(key);
                    if (text.isBlank()) {
                        problems.add(bundle + "_" + language + ": empty " + key);
                    } else if (base.containsKey(key) && arguments(base.getProperty(key)) != arguments(text)) {
                        problems.add(bundle + "_" + language + ": " + key + " takes " + arguments(text)
                                + " arguments, the default text " + arguments(base.getProperty(key)));
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * A text with arguments goes through {@link java.text.MessageFormat}, which reads a single apostrophe as the start
     * of a quote: "the station's page" would lose its apostrophe (and quote away what follows). It is written twice.
     */
    @Test
    void aTextWithArgumentsDoublesItsApostrophes() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".properties")).sorted().toList()) {
                Properties texts = load(file.getFileName().toString());
                for (String key : texts.stringPropertyNames()) {
                    String text = texts.getProperty(key);
                    // By the braces, not by MessageFormat: a stray apostrophe before "{0}" quotes the argument away.
                    if (text.matches("(?s).*\\{\\d.*") && text.replace("''", "").contains("'")) {
                        problems.add(file.getFileName() + ": " + key + " = " + text);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(new MessageFormat(load("results_en.properties").getProperty("postedCopy.link"))
                .format(new Object[] {2})).contains("station's public page");
    }

    /** Every value of an enumeration that a page names has its text (a missing one would show the key on the page). */
    @Test
    void everyEnumValueAPageNamesHasItsText() throws IOException {
        Properties all = new Properties();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".properties") && !p.getFileName().toString().contains("_")).toList()) {
                all.putAll(load(file.getFileName().toString()));
            }
        }
        Map<String, Class<? extends Enum<?>>> shown = Map.of(
                "status.", ProtocolStatus.class,
                "source.", ProtocolSource.class,
                "action.", ProtocolAction.class,
                "desk.tag.", RelationLevel.class,
                "desk.level.", RelationLevel.class,
                "desk.show.", DeskPages.Show.class,
                "election.status.", ElectionStatus.class,
                "results.status.", SnapshotStatus.class);
        List<String> missing = new ArrayList<>();
        shown.forEach((prefix, type) -> {
            for (Enum<?> value : type.getEnumConstants()) {
                if (!all.containsKey(prefix + value.name())) {
                    missing.add(prefix + value.name());
                }
            }
        });
        assertThat(missing).isEmpty();
    }

    /**
     * Every form that ships has every text pages show of it (name, lines, relations, share base, turnout) in the
     * {@code protocol-forms} bundle, and the English texts are the form's own, so that the bundle does not drift from
     * the code. The turnout's English text is written for people and is only checked to name the form's lines.
     */
    @Test
    void everyShippedProtocolFormHasItsTextsAndTheEnglishOnesAreItsOwn() throws IOException {
        Properties en = load("protocol-forms_en.properties");
        List<String> problems = new ArrayList<>();
        for (ProtocolTemplate form : ProtocolTemplates.builtIn()) {
            String prefix = "form." + form.code() + ".";
            Map<String, String> own = new java.util.LinkedHashMap<>();
            own.put(prefix + "name", form.name());
            own.put(prefix + "shareBase", form.shareDenominatorName());
            form.lines().forEach(l -> own.put(prefix + "line." + l.code(), l.name()));
            form.relations().forEach(r -> own.put(prefix + "relation." + r.ruleCode(), r.description()));
            own.forEach((key, text) -> {
                if (!text.equals(en.getProperty(key))) {
                    problems.add(key + ": the form says \"" + text + "\", the bundle \"" + en.getProperty(key) + "\"");
                }
            });
            String turnout = en.getProperty(prefix + "turnout", "");
            for (int line : form.ballotsIssuedLines()) {
                if (!turnout.matches(".*\\b" + line + "\\b.*")) {
                    problems.add(prefix + "turnout does not name line " + line);
                }
            }
            long keys = en.stringPropertyNames().stream().filter(k -> k.startsWith(prefix)).count();
            if (keys != own.size() + 1) {
                problems.add(prefix + "*: " + keys + " texts, the form has " + (own.size() + 1));
            }
        }
        assertThat(problems).isEmpty();
    }

    private static int arguments(String text) {
        return new MessageFormat(text).getFormatsByArgumentIndex().length;
    }

    private static Properties load(String file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(DIR.resolve(file), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
