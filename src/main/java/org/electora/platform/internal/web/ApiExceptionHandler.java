package org.electora.platform.internal.web;

import java.sql.SQLException;
import java.util.List;

import org.electora.platform.AccessDenied;
import org.electora.platform.Conflict;
import org.electora.platform.InvalidInput;
import org.electora.platform.NotFound;
import org.electora.platform.Problem;
import org.postgresql.util.PSQLException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
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
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;

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

    /**
     * The database gave up one of two transactions that waited on each other (a deadlock, 40P01) or could not
     * serialise them (40001): nothing of the loser was written, and sending it again is safe (a protocol's submission
     * id makes a second sending a replay), so a 409 that says so, not a 500.
     */
    @ExceptionHandler(PessimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> gaveWay(PessimisticLockingFailureException e) {
        return problem(HttpStatus.CONFLICT, "GEN-409", "Another change to the same data was being recorded at that moment;"
                + " nothing of this request was written: send it again", List.of());
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
        return problem(HttpStatus.BAD_REQUEST, "GEN-400", "Malformed request: " + unreadableReason(e), List.of());
    }

    /**
     * A value the database's own rules refuse, where no check of the service caught it first: still the sender's
     * input, so a 422 naming the kind of rule, not a 500 (and the transaction it broke wrote nothing). PostgreSQL's
     * SQLSTATE says which: text with a NUL character (22021, or 22P05 in JSON), a number or date out of its range (22003, 22008), a
     * CHECK constraint (23514), a reference to nothing (23503), a missing value (23502).
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> refusedByTheDatabase(DataIntegrityViolationException e) {
        String state = sqlState(e);
        String detail = switch (state == null ? "" : state) {
            case "22021", "22P05" -> "Text must not contain a NUL character";
            case "22003", "22008" -> "A number or date is out of the range that can be stored";
            case "23514" -> "A value breaks the rule " + constraint(e);
            case "23503" -> "The request refers to something that does not exist";
            case "23502" -> "A required value is missing";
            default -> "The request breaks a rule of the stored data";
        };
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "GEN-422", detail, List.of());
    }

    /** A sum that would not fit in 64 bits: only absurd counts get there, and the services refuse most before it. */
    @ExceptionHandler(ArithmeticException.class)
    ResponseEntity<ProblemDetail> overflow(ArithmeticException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "GEN-422", "A number is too large", List.of());
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static String constraint(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null
                    && p.getServerErrorMessage().getConstraint() != null) {
                return p.getServerErrorMessage().getConstraint() + " of " + p.getServerErrorMessage().getTable();
            }
        }
        return "of a table";
    }

    /**
     * Why a body or parameter could not be read, for the sender: where in the JSON and what was wrong, without the
     * mapper's class names and configuration hints.
     */
    static String unreadableReason(Exception e) {
        if (e instanceof MethodArgumentTypeMismatchException m) {
            return m.getName() + ": \"" + m.getValue() + "\" is not a valid value";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JacksonException j) {
                String where = j instanceof DatabindException d && !d.getPath().isEmpty() ? " at " + path(d) : "";
                String what = j.getOriginalMessage() == null ? "" : j.getOriginalMessage()
                        .replaceAll("\\s*\\(set [^)]*\\)", "")
                        .replaceAll("`?(?:[a-z]+\\.)+([A-Z][A-Za-z0-9$]*)`?", "$1")
                        .lines().findFirst().orElse("");
                return (j instanceof StreamReadException ? "not valid JSON" : "JSON that does not fit") + where
                        + (what.isBlank() ? "" : ": " + what);
            }
        }
        String root = rootMessage(e);
        return root.startsWith("Required request body is missing") ? "the request has no body" : root;
    }

    private static String path(DatabindException d) {
        StringBuilder out = new StringBuilder();
        for (var ref : d.getPath()) {
            if (ref.getPropertyName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
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
