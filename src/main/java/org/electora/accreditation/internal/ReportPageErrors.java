package org.electora.accreditation.internal;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.electora.platform.AccessDenied;
import org.electora.platform.Conflict;
import org.electora.platform.InvalidInput;
import org.electora.platform.CurrentStaff;
import org.electora.platform.NotFound;
import org.electora.platform.Ui;
import org.springframework.context.MessageSource;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.support.RequestContextUtils;

/** A refusal on an accreditation report page is a page with its status and rule code, never a bare error. */
@ControllerAdvice(assignableTypes = {StatisticsPages.class, LiaisonPages.class, BriefingController.class,
        PublicRegisterController.class})
class ReportPageErrors {

    private final MessageSource messages;

    ReportPageErrors(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler({AccessDenied.class, AuthorizationDeniedException.class})
    String denied(RuntimeException e, Model model, HttpServletRequest request, HttpServletResponse response) {
        return refused(403, e instanceof AccessDenied d ? d.ruleCode() : "AUTH-002", e.getMessage(), model, request, response);
    }

    @ExceptionHandler(NotFound.class)
    String notFound(NotFound e, Model model, HttpServletRequest request, HttpServletResponse response) {
        return refused(404, e.ruleCode(), e.getMessage(), model, request, response);
    }

    @ExceptionHandler(InvalidInput.class)
    String invalid(InvalidInput e, Model model, HttpServletRequest request, HttpServletResponse response) {
        return refused(422, e.problems().getFirst().ruleCode(), e.getMessage(), model, request, response);
    }

    @ExceptionHandler(Conflict.class)
    String conflict(Conflict e, Model model, HttpServletRequest request, HttpServletResponse response) {
        return refused(409, e.ruleCode(), e.getMessage(), model, request, response);
    }

    /** Model attribute methods do not run for exception handlers, so the page's {@link Ui} is made here. */
    private String refused(int status, String ruleCode, String message, Model model, HttpServletRequest request,
                           HttpServletResponse response) {
        response.setStatus(status);
        Locale locale = RequestContextUtils.getLocale(request);
        if (!Ui.LANGUAGES.contains(locale.getLanguage())) {
            locale = Locale.ENGLISH;
        }
        model.addAttribute("ui", new Ui(messages, locale, CurrentStaff.current(), "_csrf", "", request.getRequestURI(),
                request.getQueryString()));
        model.addAttribute("status", status);
        model.addAttribute("ruleCode", ruleCode);
        model.addAttribute("message", message);
        return "accreditation/report-refused";
    }
}
