package org.electora.registry.internal.register;

import org.electora.platform.PageController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public "Where do I vote?" page. The form posts, so that national ids stay out of URLs, browser history and
 * access logs. Public only so that the compiled template can see the view record.
 */
@Controller
public class WhereDoIVotePages implements PageController {

    /** What the page shows: nothing yet, an answer, or "try again later". */
    public record Lookup(boolean asked, boolean found, String electionName, java.time.LocalDate pollingDay,
                         WhereDoIVote.StationAnswer station, long retryAfterSeconds) {
        public String hours() {
            return station == null ? "" : station.hours().opens().toLocalTime() + "–" + station.hours().closes().toLocalTime()
                    + " (" + station.hours().timeZone() + ", UTC" + station.hours().opens().getOffset().getId().replace("Z", "+00:00") + ")";
        }
    }

    private final WhereDoIVote lookup;
    private final LookupRateLimiter limiter;

    WhereDoIVotePages(WhereDoIVote lookup, LookupRateLimiter limiter) {
        this.lookup = lookup;
        this.limiter = limiter;
    }

    @GetMapping("/where-do-i-vote")
    String form(Model model) {
        model.addAttribute("lookup", new Lookup(false, false, null, null, null, 0));
        return "registry/where-do-i-vote";
    }

    @PostMapping("/where-do-i-vote")
    String ask(@RequestParam(required = false) String nationalId, @RequestParam(required = false) String dateOfBirth,
               HttpServletRequest request, HttpServletResponse response, Model model) {
        long wait = limiter.acquire(request.getRemoteAddr());
        if (wait > 0) {
            response.setStatus(429);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
            model.addAttribute("lookup", new Lookup(true, false, null, null, null, wait));
            return "registry/where-do-i-vote";
        }
        WhereDoIVote.Answer answer = lookup.lookup(nationalId, dateOfBirth);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        model.addAttribute("lookup", new Lookup(true, answer.found(), answer.electionName(), answer.pollingDay(),
                answer.station(), 0));
        return "registry/where-do-i-vote";
    }
}
