package org.electora.platform.internal.web;

import java.util.List;

import org.electora.platform.AccessDenied;
import org.electora.platform.Conflict;
import org.electora.platform.InvalidInput;
import org.electora.platform.NotFound;
import org.electora.platform.Problem;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/** Every expected failure of the REST API as an RFC 9457 problem with a stable rule code; never a 500. */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ApiExceptionHandler {

    @ExceptionHandler(InvalidInput.class)
    ResponseEntity<ProblemDetail> invalid(InvalidInput e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, e.problems().getFirst().ruleCode(), e.getMessage(), e.problems());
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<ProblemDetail> notFound(NotFound e) {
        return problem(HttpStatus.NOT_FOUND, e.ruleCode(), e.getMessage(), List.of());
    }

    @ExceptionHandler({AccessDenied.class, AuthorizationDeniedException.class})
    ResponseEntity<ProblemDetail> denied(RuntimeException e) {
        return problem(HttpStatus.FORBIDDEN, e instanceof AccessDenied denied ? denied.ruleCode() : "AUTH-002", e.getMessage(), List.of());
    }

    @ExceptionHandler(Conflict.class)
    ResponseEntity<ProblemDetail> conflict(Conflict e) {
        return problem(HttpStatus.CONFLICT, e.ruleCode(), e.getMessage(), List.of());
    }

    /** Two writes raced for one unique row (e.g. two first submissions for one station): the loser retries. */
    @ExceptionHandler(org.springframework.dao.DuplicateKeyException.class)
    ResponseEntity<ProblemDetail> duplicate(org.springframework.dao.DuplicateKeyException e) {
        return problem(HttpStatus.CONFLICT, "GEN-409", "A concurrent write got there first: reload and try again", List.of());
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> stale(OptimisticLockingFailureException e) {
        return problem(HttpStatus.CONFLICT, "GEN-409", "Stale version: reload and try again", List.of());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> beanValidation(MethodArgumentNotValidException e) {
        List<Problem> problems = e.getBindingResult().getFieldErrors().stream()
                .map(f -> Problem.at(0, "GEN-422", f.getField(), f.getField() + " " + f.getDefaultMessage()))
                .toList();
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "GEN-422", "Invalid request", problems);
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<ProblemDetail> unreadable(Exception e) {
        return problem(HttpStatus.BAD_REQUEST, "GEN-400", "Malformed request: " + rootMessage(e), List.of());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> illegalArgument(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "GEN-400", "Invalid request: " + e.getMessage(), List.of());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "GEN-413", "Upload too large", List.of());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String ruleCode, String detail, List<Problem> problems) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
        pd.setProperty("ruleCode", ruleCode);
        if (!problems.isEmpty()) {
            pd.setProperty("problems", problems);
        }
        return ResponseEntity.status(status).body(pd);
    }
}
