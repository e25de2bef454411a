package org.electora.platform.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.electora.platform.AccessDenied;
import org.electora.platform.Conflict;
import org.electora.platform.InvalidInput;
import org.electora.platform.NotFound;
import org.electora.platform.PageController;
import org.electora.platform.Problem;
import org.electora.platform.Ui;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;

/**
 * A page that is refused (403), names something that does not exist (404 — or 422 for an unknown station or contest in
 * its address), conflicts with the state (409) or lacks a parameter or gets one of the wrong type (400) is a page with
 * its status, rule code and the server's explanation, in the layout, never a bare error or a 500. Last in order: a
 * module that renders its own refusals (a controller's own handler, or an advice of its own) keeps them.
 */
@ControllerAdvice(assignableTypes = PageController.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrors {

    private final MessageSource messages;

    PageErrors(MessageSource messages) {
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

    /** E.g. an unknown station or contest named in the page's address (RES-001, RES-002). */
    @ExceptionHandler(InvalidInput.class)
    String invalid(InvalidInput e, Model model, HttpServletRequest request, HttpServletResponse response) {
        return refused(422, e.problems().getFirst().ruleCode(),
                String.join("; ", e.problems().stream().map(Problem::message).toList()), model, request, response);
    }

    @ExceptionHandler(Conflict.class)
    String conflict(Conflict e, Model model, HttpServletRequest request, HttpServletResponse response) {
        return refused(409, e.ruleCode(), e.getMessage(), model, request, response);
    }

    /** The database gave this request's transaction up for another's (a deadlock): nothing was written; send it again. */
    @ExceptionHandler(PessimisticLockingFailureException.class)
    String gaveWay(PessimisticLockingFailureException e, Model model, HttpServletRequest request, HttpServletResponse response) {
        return refused(409, "GEN-409", "Another change to the same data was being recorded at that moment; nothing of"
                + " this request was written: send it again", model, request, response);
    }

    /** A form or address with a parameter missing or of the wrong type, e.g. {@code version=abc}. */
    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    String badRequest(Exception e, Model model, HttpServletRequest request, HttpServletResponse response) {
        String message = switch (e) {
            case MissingServletRequestParameterException m -> "The request lacks the parameter " + m.getParameterName();
            case MethodArgumentTypeMismatchException m -> m.getName() + ": \"" + m.getValue() + "\" is not a valid value";
            default -> e.getMessage();
        };
        return refused(400, "GEN-400", message, model, request, response);
    }

    /** A refusal a controller raised with Spring's own exception: its status, as a page. */
    @ExceptionHandler(ResponseStatusException.class)
    String status(ResponseStatusException e, Model model, HttpServletRequest request, HttpServletResponse response) {
        int status = e.getStatusCode().value();
        return refused(status, "GEN-" + status, e.getReason() == null ? e.getMessage() : e.getReason(), model, request, response);
    }

    /** An id that cannot be one, e.g. {@code /map/regions/0}: the typed ids refuse it in their constructor. */
    @ExceptionHandler(IllegalArgumentException.class)
    String illegal(IllegalArgumentException e, Model model, HttpServletRequest request, HttpServletResponse response) {
        return refused(400, "GEN-400", e.getMessage(), model, request, response);
    }

    private String refused(int status, String ruleCode, String message, Model model, HttpServletRequest request,
                           HttpServletResponse response) {
        response.setStatus(status);
        model.addAttribute("ui", Ui.of(messages, request));
        model.addAttribute("status", status);
        model.addAttribute("ruleCode", ruleCode);
        model.addAttribute("message", message);
        return "platform/refused";
    }
}
