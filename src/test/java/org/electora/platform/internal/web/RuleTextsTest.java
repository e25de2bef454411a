package org.electora.platform.internal.web;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule code a refusal carries has its one-sentence text in {@code messages/rules} (the English default; the
 * Azerbaijani and Russian files have the same keys, which {@link MessageBundlesTest} checks), so that a page can say
 * what was refused in the reader's language instead of quoting the server's English message. No text stays for a code
 * no longer thrown, and no text takes an argument: the details are in the server's message.
 */
class RuleTextsTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path RULES = Path.of("src/main/resources/messages/rules.properties");

    /** A rule code as the sources write it: a string literal of three or four capitals, a dash and three digits. */
    private static final Pattern CODE = Pattern.compile("\"([A-Z]{3,4}-[0-9]{3})\"");

    /** String literals of that shape that are not rule codes (the digest algorithm named to MessageDigest). */
    private static final Set<String> NOT_RULE_CODES = Set.of("SHA-256");

    /**
     * Codes built at run time, not written as a literal: {@code "GEN-" + status} in {@code ApiErrorAttributes} (the
     * answers Spring gives through /error: an unknown address, a method or content type an address does not take, an
     * answer type it cannot give, a failure of the server, a refusal before any controller) and in
     * {@code PageErrors.status} (a {@code ResponseStatusException} as a page).
     */
    private static final Set<String> BUILT = Set.of("GEN-400", "GEN-401", "GEN-403", "GEN-404", "GEN-405", "GEN-406",
            "GEN-409", "GEN-413", "GEN-415", "GEN-422", "GEN-500");

    @Test
    void everyRuleCodeThrownHasItsText() throws IOException {
        Properties rules = load();
        TreeSet<String> missing = new TreeSet<>();
        for (String code : thrown()) {
            if (!rules.containsKey("rule." + code)) {
                missing.add(code);
            }
        }
        assertThat(missing).as("rule codes in src/main/java without a rule.<code> text in " + RULES).isEmpty();
    }

    @Test
    void everyTextIsForACodeStillThrown() throws IOException {
        Set<String> thrown = thrown();
        TreeSet<String> stale = new TreeSet<>();
        for (String key : load().stringPropertyNames()) {
            String code = key.startsWith("rule.") ? key.substring("rule.".length()) : key;
            if (!key.startsWith("rule.") || !(thrown.contains(code) || BUILT.contains(code))) {
                stale.add(key);
            }
        }
        assertThat(stale).as("texts in " + RULES + " for no rule code thrown in src/main/java").isEmpty();
    }

    @Test
    void noTextTakesAnArgument() throws IOException {
        Properties rules = load();
        List<String> withArguments = new ArrayList<>();
        for (String key : new TreeSet<>(rules.stringPropertyNames())) {
            String text = rules.getProperty(key);
            if (text.matches("(?s).*\\{\\s*\\d.*") || new MessageFormat(text).getFormatsByArgumentIndex().length > 0) {
                withArguments.add(key + " = " + text);
            }
        }
        assertThat(withArguments).isEmpty();
    }

    private static Set<String> thrown() throws IOException {
        TreeSet<String> codes = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path file : files) {
            Matcher m = CODE.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (m.find()) {
                if (!NOT_RULE_CODES.contains(m.group(1))) {
                    codes.add(m.group(1));
                }
            }
        }
        assertThat(codes).as("rule codes found in " + SOURCES).contains("RES-016", "ACC-007", "AUTH-001");
        return codes;
    }

    private static Properties load() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(RULES, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
