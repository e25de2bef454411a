package org.electora.registry.internal.register;

import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.electora.platform.AccessDenied;
import org.electora.platform.NotFound;
import org.electora.platform.PageController;
import org.electora.platform.PageNotice;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The officer's duplicate review queue: the open cases in its scope, and one case side by side with Merge and
 * Not a duplicate. Every check is {@link DuplicateReview}'s; a refusal is shown with its rule code.
 */
@Controller
class DuplicateReviewPages implements PageController {

    /** Opening a case on this page is the purpose of reading the two voters' data. */
    static final String PURPOSE = "duplicate review (officer's queue page)";

    private final DuplicateReview review;

    DuplicateReviewPages(DuplicateReview review) {
        this.review = review;
    }

    @GetMapping("/register/duplicates")
    String queue(@RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("page", review.cases("OPEN", page, 50));
        if (!model.containsAttribute("notice")) {
            model.addAttribute("notice", null);
        }
        return "registry/duplicates";
    }

    @GetMapping("/register/duplicates/{id}")
    String duplicateCase(@PathVariable long id, Model model) {
        model.addAttribute("view", review.view(id, PURPOSE));
        if (!model.containsAttribute("notice")) {
            model.addAttribute("notice", null);
        }
        return "registry/duplicate";
    }

    @PostMapping("/register/duplicates/{id}/decision")
    String decide(@PathVariable long id, @RequestParam(required = false) String decision,
                  @RequestParam(required = false) Long survivorId, @RequestParam(required = false) String note,
                  @RequestParam(required = false) Integer version, @RequestParam Map<String, String> form,
                  RedirectAttributes redirect) {
        PageNotice notice = PageNotice.attempt(form, () -> PageNotice.done("dup.decided." + review.decide(id,
                new DuplicateReview.Decision(decision, "MERGE".equals(decision) ? survivorId : null, note, version)).status()));
        redirect.addFlashAttribute("notice", notice);
        return notice.success() ? "redirect:/register/duplicates" : "redirect:/register/duplicates/" + id;
    }

    @ExceptionHandler({AccessDenied.class, NotFound.class})
    String refused(RuntimeException e, Model model, HttpServletResponse response) {
        int status = e instanceof NotFound ? 404 : 403;
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("message", e.getMessage());
        return "registry/review-refused";
    }
}
