package org.electora.platform;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * What every page template needs besides its own data: translated text, the language, the signed-in staff member,
 * the CSRF token for forms and the current path for the language switch.
 */
public record Ui(MessageSource messages, Locale locale, Optional<StaffMember> staff, String csrfParameter,
                 String csrfToken, String path, String query) {

    public static final List<String> LANGUAGES = List.of("en", "az", "ru");

    /**
     * The page model of a request: its language (English when it asks for one we do not have), the signed-in staff
     * member and the request's CSRF token. Exception handlers get no {@code @ModelAttribute}s, so a page rendered by
     * one makes its {@code Ui} with this.
     */
    public static Ui of(MessageSource messages, HttpServletRequest request) {
        Locale locale = supported(RequestContextUtils.getLocale(request));
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        return new Ui(messages, locale, CurrentStaff.current(), csrf == null ? "_csrf" : csrf.getParameterName(),
                csrf == null ? "" : csrf.getToken(), request.getRequestURI(), request.getQueryString());
    }

    /** The language pages and documents are made in for a reader's locale: it, when we have it, else English. */
    public static Locale supported(Locale locale) {
        return LANGUAGES.contains(locale.getLanguage()) ? locale : Locale.ENGLISH;
    }

    public String t(String key, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    /**
     * What a refusal's rule code means, in the page's language ({@code rule.<code>} of the {@code rules} bundle); null
     * for a code without a text. The server's own reason names the specifics, in English.
     */
    public String ruleText(String ruleCode) {
        return ruleCode == null ? null : messages.getMessage("rule." + ruleCode, null, null, locale);
    }

    /**
     * A text of a protocol form (template) in the page's language: {@code form.<template code>.<part>} from the
     * {@code protocol-forms} bundle, e.g. part {@code line.VOTERS_ON_LIST}; the form's own text where the bundle has
     * none (a form an administrator authored).
     */
    public String form(String templateCode, String part, String ownText) {
        return form(messages, locale, templateCode, part, ownText);
    }

    /** As {@link #form(String, String, String)}, for documents made outside a page (PDFs). */
    public static String form(MessageSource messages, Locale locale, String templateCode, String part, String ownText) {
        return messages.getMessage("form." + templateCode + "." + part, null, ownText, locale);
    }

    public String lang() {
        return locale.getLanguage();
    }

    public boolean signedIn() {
        return staff.isPresent();
    }

    public boolean hasRole(Role role) {
        return staff.map(s -> s.role() == role).orElse(false);
    }

    /** The current page in another language. */
    public String switchTo(String language) {
        String q = query == null ? "" : query.replaceAll("(^|&)lang=[^&]*", "").replaceAll("^&", "");
        return path + "?" + (q.isEmpty() ? "" : q + "&") + "lang=" + language;
    }

    /** A country's name in the page's language, by its ISO 3166-1 alpha-2 code. */
    public String country(String code) {
        return country(code, locale);
    }

    /** As {@link #country(String)}, for documents and data made outside a page. */
    public static String country(String code, Locale locale) {
        return Locale.of("", code).getDisplayCountry(locale);
    }

    public String languageName(String language) {
        return switch (language) {
            case "az" -> "Azərbaycanca";
            case "ru" -> "Русский";
            default -> "English";
        };
    }

    /**
     * A date and time to the minute, on the 24-hour clock in every language ("29 Nov 2026, 07:00"), as every other
     * time on the pages: English's "7:00 AM" stood beside tables of "19:00".
     */
    public String dateTime(ZonedDateTime time) {
        return date(time.toLocalDate()) + ", " + time(time);
    }

    /** A moment with its offset, to the second, e.g. "28 Nov 2026, 14:35:43 UTC+04:00": a snapshot's or version's time. */
    /** As {@link #instant(java.time.OffsetDateTime)}, in {@code zone}'s time: the capital's, as the pages' other times. */
    public String instant(java.time.OffsetDateTime time, ZoneId zone) {
        return instant(time.atZoneSameInstant(zone).toOffsetDateTime());
    }

    public String instant(java.time.OffsetDateTime time) {
        return time.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale)) + ", "
                + time.format(DateTimeFormatter.ofPattern("HH:mm:ss", locale)) + " UTC"
                + time.getOffset().getId().replace("Z", "+00:00");
    }

    public String time(ZonedDateTime time) {
        return time.format(DateTimeFormatter.ofPattern("HH:mm", locale));
    }

    /**
     * A time of {@code day}'s events, e.g. a station's closing in the capital's time: "07:00", with its date when it
     * falls on another day ("07:00, 29 Nov 2026": Los Angeles closes the morning after, by the capital's clock).
     */
    public String timeOn(ZonedDateTime time, java.time.LocalDate day) {
        return time.toLocalDate().equals(day) ? time(time) : time(time) + ", " + date(time.toLocalDate());
    }

    public String date(java.time.LocalDate date) {
        return date.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale));
    }

    public String zoneOffset(ZoneId zone) {
        return ZonedDateTime.now(zone).getOffset().getId().replace("Z", "+00:00");
    }

    public String number(long n) {
        return java.text.NumberFormat.getIntegerInstance(locale).format(n);
    }
}
