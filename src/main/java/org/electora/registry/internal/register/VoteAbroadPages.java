package org.electora.registry.internal.register;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.electora.geography.PollingStation;
import org.electora.platform.PageController;
import org.electora.platform.Problem;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public "Vote abroad" application form. It posts (national ids stay out of URLs) and is rate-limited with the
 * lookup's buckets; a well-formed form always gets the same "received" answer. Public only so that the compiled
 * template can see the view record.
 */
@Controller
public class VoteAbroadPages implements PageController {

    /**
     * What the page shows: the stations abroad by country, and after a post "received", problems or "wait". After
     * problems the form keeps what was entered ({@code values}) and marks the fields the problems name.
     */
    public record Form(Map<String, List<PollingStation>> stationsByCountry, boolean received, List<Problem> problems,
                       long retryAfterSeconds, Map<String, String> values) {

        public String value(String field) {
            return values.getOrDefault(field, "");
        }

        /** "true" for a field a problem names, else null (the template then leaves out aria-invalid). */
        public String invalid(String field) {
            return problems.stream().anyMatch(p -> field.equals(p.field())) ? "true" : null;
        }
    }

    private final VotingAbroad abroad;
    private final LookupRateLimiter limiter;

    VoteAbroadPages(VotingAbroad abroad, LookupRateLimiter limiter) {
        this.abroad = abroad;
        this.limiter = limiter;
    }

    @GetMapping("/vote-abroad")
    String form(Model model) {
        model.addAttribute("form", form(false, List.of(), 0, Map.of()));
        return "registry/vote-abroad";
    }

    @PostMapping("/vote-abroad")
    String apply(@RequestParam(required = false) String nationalId, @RequestParam(required = false) String dateOfBirth,
                 @RequestParam(required = false) Long stationId, @RequestParam(required = false) String reason,
                 @RequestParam(required = false) String tripFrom, @RequestParam(required = false) String tripTo,
                 HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        long wait = limiter.acquire(request.getRemoteAddr());
        if (wait > 0) {
            response.setStatus(429);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
            model.addAttribute("form", form(false, List.of(), wait, Map.of()));
            return "registry/vote-abroad";
        }
        var outcome = abroad.submitPublic(new VotingAbroad.NewApplication(nationalId, stationId, reason,
                date(tripFrom), date(tripTo)), dateOfBirth);
        switch (outcome) {
            case VotingAbroad.PublicOutcome.Received received -> model.addAttribute("form", form(true, List.of(), 0, Map.of()));
            case VotingAbroad.PublicOutcome.Invalid invalid -> {
                response.setStatus(422);
                var entered = new java.util.HashMap<String, String>();
                entered.put("nationalId", nationalId == null ? "" : nationalId.strip());
                entered.put("dateOfBirth", dateOfBirth == null ? "" : dateOfBirth.strip());
                entered.put("stationId", stationId == null ? "" : stationId.toString());
                entered.put("reason", reason == null ? "" : reason);
                entered.put("tripFrom", tripFrom == null ? "" : tripFrom.strip());
                entered.put("tripTo", tripTo == null ? "" : tripTo.strip());
                model.addAttribute("form", form(false, invalid.problems(), 0, entered));
            }
        }
        return "registry/vote-abroad";
    }

    private Form form(boolean received, List<Problem> problems, long wait, Map<String, String> values) {
        var byCountry = new LinkedHashMap<String, List<PollingStation>>();
        for (PollingStation s : abroad.stations()) {
            byCountry.computeIfAbsent(s.abroad().hostCountry(), c -> new java.util.ArrayList<>()).add(s);
        }
        return new Form(byCountry, received, problems, wait, values);
    }

    private static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            // An unreadable trip date is a missing one: a business trip without both dates is REG-053.
            return null;
        }
    }
}
