package org.electora.accreditation.internal;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.electora.accreditation.ApplicationCategory;
import org.electora.platform.Conflict;
import org.electora.platform.InvalidInput;
import org.electora.platform.PageController;
import org.electora.platform.Problem;
import org.electora.platform.RateLimiter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The public accreditation form: an observer, journalist or technical staff member applies for an organisation that
 * accepts applications, with a photo. It calls the same service as the officer's API ({@link Accrediting}), so the
 * same rule codes come back, shown next to the field they concern. Public only so that the template sees the records.
 */
@Controller
public class ApplyPages implements PageController {

    /** An organisation the form offers: name and country only, nothing else about it is public here. */
    public record Choice(long id, String label) {
    }

    /** What the person typed, so that a form with errors comes back filled in (never the photo). */
    public record Entered(String organisationId, String category, String givenNames, String familyName,
                          String documentKind, String documentNumber, String nationality, String dateOfBirth,
                          String languages) {
        public boolean is(String field, String value) {
            String v = switch (field) {
                case "organisationId" -> organisationId;
                case "category" -> category;
                case "documentKind" -> documentKind;
                case "nationality" -> nationality;
                default -> null;
            };
            return value.equals(v);
        }

        public String value(String s) {
            return s == null ? "" : s;
        }
    }

    public record Country(String code, String name) {
    }

    public record Form(List<Choice> organisations, List<String> categories, List<Country> countries, Entered entered,
                       Map<String, List<Problem>> fieldProblems, List<Problem> formProblems, Long applicationNumber) {
        public List<Problem> problemsOf(String field) {
            return fieldProblems.getOrDefault(field, List.of());
        }

        public boolean hasProblems() {
            return !fieldProblems.isEmpty() || !formProblems.isEmpty();
        }
    }

    private static final List<String> FIELDS = List.of("organisationId", "category", "givenNames", "familyName",
            "documentKind", "documentNumber", "nationality", "dateOfBirth", "languages", "photo");

    private final Accrediting accrediting;

    /** Too many applications from one address: someone scripting the form (429 with Retry-After). */
    static final String TOO_MANY = "ACC-172";

    private final RateLimiter limiter;

    ApplyPages(Accrediting accrediting, @Value("${electora.accreditation.apply.burst:20}") int burst,
               @Value("${electora.accreditation.apply.per-minute:6}") int perMinute) {
        this.accrediting = accrediting;
        // Generous, since a delegation may apply from one hotel's or embassy's address; it stops floods, not people.
        this.limiter = new RateLimiter(burst, perMinute);
    }

    /** Forgets every address (tests). */
    void resetLimit() {
        limiter.reset();
    }

    @GetMapping("/accreditation/apply")
    String form(@RequestParam(required = false) String organisation, Model model, Locale locale) {
        model.addAttribute("form", form(new Entered(organisation, null, null, null, null, null, null, null, null),
                List.of(), null, locale));
        return "accreditation/apply";
    }

    @PostMapping("/accreditation/apply")
    String apply(@RequestParam(required = false) String organisationId, @RequestParam(required = false) String category,
                 @RequestParam(required = false) String givenNames, @RequestParam(required = false) String familyName,
                 @RequestParam(required = false) String documentKind, @RequestParam(required = false) String documentNumber,
                 @RequestParam(required = false) String nationality, @RequestParam(required = false) String dateOfBirth,
                 @RequestParam(required = false) String languages, @RequestParam(required = false) MultipartFile photo,
                 HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) throws IOException {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        Entered entered = new Entered(organisationId, category, givenNames, familyName, documentKind, documentNumber,
                nationality, dateOfBirth, languages);
        long wait = limiter.acquire(request.getRemoteAddr());
        if (wait > 0) {
            response.setStatus(429);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
            model.addAttribute("form", form(entered, List.of(Problem.at(0, TOO_MANY, null, "")), null, locale));
            return "accreditation/apply";
        }
        List<Problem> problems = new ArrayList<>();
        Long organisation = null;
        if (organisationId != null && !organisationId.isBlank()) {
            try {
                organisation = Long.parseLong(organisationId.strip());
            } catch (NumberFormatException e) {
                problems.add(Problem.at(0, Accrediting.UNKNOWN, "organisationId", "No organisation " + organisationId));
            }
        }
        LocalDate born = null;
        if (dateOfBirth != null && !dateOfBirth.isBlank()) {
            try {
                born = LocalDate.parse(dateOfBirth.strip());
            } catch (DateTimeParseException e) {
                problems.add(Problem.at(0, Accrediting.BAD_BIRTH_DATE, "dateOfBirth", "not a date"));
            }
        }
        var in = new Accrediting.NewApplication(organisation, parse(ApplicationCategory.class, category),
                givenNames, familyName, documentNumber, nationality,
                languages == null ? List.of() : Arrays.stream(languages.split("[;,\\s]+")).filter(s -> !s.isBlank()).toList(),
                parse(Application.DocumentKind.class, documentKind), born, null);
        try {
            Application a = accrediting.submitPublic(in, photo == null || photo.isEmpty() ? null : photo.getBytes(), problems);
            model.addAttribute("form", form(entered, List.of(), a.id(), locale));
        } catch (InvalidInput e) {
            response.setStatus(422);
            model.addAttribute("form", form(entered, e.problems(), null, locale));
        } catch (Conflict e) {
            // The rule's own text only: the officer's detail names the other organisation and application, which an
            // anonymous visitor typing someone's document number must not learn.
            response.setStatus(409);
            model.addAttribute("form", form(entered, List.of(Problem.at(0, e.ruleCode(), null, "")), null, locale));
        }
        return "accreditation/apply";
    }

    private Form form(Entered entered, List<Problem> problems, Long number, Locale locale) {
        Map<String, List<Problem>> byField = new LinkedHashMap<>();
        List<Problem> general = new ArrayList<>();
        for (Problem p : problems) {
            if (p.field() != null && FIELDS.contains(p.field())) {
                byField.computeIfAbsent(p.field(), f -> new ArrayList<>()).add(p);
            } else {
                general.add(p);
            }
        }
        List<Choice> organisations = accrediting.publicOrganisations().stream()
                .map(o -> new Choice(o.id(), o.name() + " (" + Locale.of("", o.country()).getDisplayCountry(locale) + ")"))
                .toList();
        List<Country> countries = Arrays.stream(Locale.getISOCountries())
                .map(c -> new Country(c, Locale.of("", c).getDisplayCountry(locale)))
                .sorted(Comparator.comparing(Country::name))
                .toList();
        return new Form(organisations, Arrays.stream(ApplicationCategory.values()).map(Enum::name).toList(), countries,
                entered, byField, general, number);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
