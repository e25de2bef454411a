package org.electora.accreditation.internal;

import java.time.ZoneId;
import java.time.ZonedDateTime;

import jakarta.servlet.http.HttpServletResponse;
import org.electora.platform.Conflict;
import org.electora.platform.InvalidInput;
import org.electora.platform.NotFound;
import org.electora.platform.PageController;
import org.electora.platform.Problem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Public pages: the badge check at the polling-station door (the verification itself runs in the browser, see
 * {@code /assets/badge-verify.js}) and the observer's invitation link. Public only so that compiled templates can
 * see the view records.
 */
@Controller
public class BadgeCheckPages implements PageController {

    /** What the check page hands its script: the commission's zone (badge dates are dates there) and the data URLs. */
    public record Check(String zone, String keysUrl, String revocationsUrl) {
    }

    /** The invitation page: the invitee, a problem with the link, the form's problems, or the created login. */
    public record Invitation(String token, String name, String organisation, String role, ZonedDateTime expiresAt,
                             String username, java.util.List<Problem> problems, String linkProblem,
                             String createdUsername) {
        public boolean hasProblem(String field) {
            return problems.stream().anyMatch(p -> field.equals(p.field()));
        }
    }

    private final AccountInvitations invitations;
    private final ZoneId zone;

    BadgeCheckPages(AccountInvitations invitations, @Value("${electora.accreditation.zone:Asia/Baku}") String zone) {
        this.invitations = invitations;
        this.zone = ZoneId.of(zone);
    }

    @GetMapping("/accreditation/verify")
    String check(Model model) {
        model.addAttribute("check", new Check(zone.getId(), "/api/v1/public/accreditation/keys",
                "/api/v1/public/accreditation/revocations"));
        return "accreditation/verify";
    }

    @GetMapping("/accreditation/invitations/{token}")
    String invitation(@PathVariable String token, Model model, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        try {
            AccountInvitations.Invitee invitee = invitations.invitee(token);
            model.addAttribute("invitation", form(token, invitee, invitee.suggestedUsername(), java.util.List.of()));
        } catch (NotFound | Conflict e) {
            response.setStatus(e instanceof NotFound ? 404 : 409);
            model.addAttribute("invitation", problem(token, e.getMessage()));
        }
        return "accreditation/invitation";
    }

    @PostMapping("/accreditation/invitations/{token}")
    String accept(@PathVariable String token, @RequestParam(defaultValue = "") String username,
                  @RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String passwordAgain,
                  Model model, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        AccountInvitations.Invitee invitee;
        try {
            invitee = invitations.invitee(token);
        } catch (NotFound | Conflict e) {
            response.setStatus(e instanceof NotFound ? 404 : 409);
            model.addAttribute("invitation", problem(token, e.getMessage()));
            return "accreditation/invitation";
        }
        try {
            AccountInvitations.Created created = invitations.accept(token,
                    new AccountInvitations.Acceptance(username, password, passwordAgain));
            model.addAttribute("invitation", new Invitation(token, invitee.name(), invitee.organisation(),
                    created.role().name(), null, created.username(), java.util.List.of(), null, created.username()));
        } catch (InvalidInput e) {
            response.setStatus(422);
            model.addAttribute("invitation", form(token, invitee, username, e.problems()));
        } catch (Conflict e) {
            response.setStatus(409);
            model.addAttribute("invitation", form(token, invitee, username,
                    java.util.List.of(Problem.at(0, e.ruleCode(), "username", e.getMessage()))));
        }
        return "accreditation/invitation";
    }

    private Invitation form(String token, AccountInvitations.Invitee invitee, String username, java.util.List<Problem> problems) {
        return new Invitation(token, invitee.name(), invitee.organisation(), invitee.role().name(),
                invitee.expiresAt().atZone(zone), username, problems, null, null);
    }

    private static Invitation problem(String token, String why) {
        return new Invitation(token, null, null, null, null, null, java.util.List.of(), why, null);
    }
}
