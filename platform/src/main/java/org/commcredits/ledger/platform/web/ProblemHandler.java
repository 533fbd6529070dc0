package org.commcredits.ledger.platform.web;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.platform.storage.StoreFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConversionException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The single error handler of the whole HTTP API. Every failure becomes {@code application/problem+json}
 * with a stable code; nothing internal (class names, SQL, stack traces) reaches the client.
 */
@RestControllerAdvice
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(LedgerException.class)
    public ResponseEntity<ProblemDetail> rejected(LedgerException rejection) {
        return Problems.response(rejection.code(), rejection.getMessage());
    }

    @ExceptionHandler(CommandExecutionException.class)
    public ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException failure) {
        Throwable cause = failure.getCause();
        if (cause instanceof LedgerException rejection) {
            return rejected(rejection);
        }
        return unexpected(failure);
    }

    /**
     * The database is down or out of connections: a retryable {@code 503} with {@code Retry-After}, never a
     * {@code 500}. An idempotent retry with the same key is safe whatever happened to the first attempt
     * (docs/reliability.md).
     */
    static ResponseEntity<ProblemDetail> storeUnavailable(Throwable failure) {
        log.warn("Answered 503 STORE_UNAVAILABLE: {}", rootMessage(failure));
        return ResponseEntity.status(ErrorCode.STORE_UNAVAILABLE.status()).contentType(Problems.PROBLEM_JSON)
                .header("Retry-After", "5")
                .body(Problems.of(ErrorCode.STORE_UNAVAILABLE, "The ledger's database is unavailable; retry in a few seconds"));
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @ExceptionHandler(ConcurrencyException.class)
    public ResponseEntity<ProblemDetail> concurrent(ConcurrencyException conflict) {
        return Problems.response(ErrorCode.CONCURRENT_MODIFICATION, "The resource was changed by another request; retry");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException unreadable) {
        for (Throwable cause = unreadable; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException) {
                return Problems.response(ErrorCode.PAYLOAD_TOO_LARGE, cause.getMessage());
            }
            if (cause instanceof LedgerException rejection) {
                return rejected(rejection);
            }
            var brokenRule = JsonRules.broken(cause); // INV-IN-02: duplicate field, too deep, a second document
            if (brokenRule.isPresent()) {
                return Problems.response(ErrorCode.INVALID_REQUEST, brokenRule.get());
            }
            if (cause instanceof UnrecognizedPropertyException unknown) {
                return Problems.response(ErrorCode.INVALID_REQUEST, "Unknown field '" + unknown.getPropertyName() + "'");
            }
            if (cause instanceof MismatchedInputException mismatch) {
                String field = JsonPaths.of(mismatch);
                if (JsonPaths.isAmount(mismatch)) {
                    return Problems.response(ErrorCode.INVALID_AMOUNT, "Field '" + field
                            + "' must be a decimal string such as \"50.00\"");
                }
                return Problems.response(ErrorCode.INVALID_REQUEST, "Field '" + field + "' has the wrong type or format");
            }
        }
        return Problems.response(ErrorCode.INVALID_REQUEST, "The body is not valid JSON for this request");
    }

    /**
     * A body that Jackson could not bind for a reason it files as a definition error, not as bad input: a
     * record read {@code {"amount":"50.00","amount":"-1"}} and failed with "No fallback setter/field defined
     * for creator property", which Spring reports as this exception and which answered 500 (issue 17).
     * {@link WellFormedJsonBodies} now refuses duplicate fields first; this keeps any other such reading
     * failure a 400 (logged, in case it is a real definition bug). Failures writing an answer stay 500.
     */
    @ExceptionHandler(HttpMessageConversionException.class)
    public ResponseEntity<ProblemDetail> unconvertible(HttpMessageConversionException failure) {
        if (failure instanceof HttpMessageNotWritableException) {
            return unexpected(failure);
        }
        log.warn("Request body not bindable, answered 400: {}", rootMessage(failure));
        return Problems.response(ErrorCode.INVALID_REQUEST, "The body could not be read for this request");
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    public ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException tooLarge) {
        return Problems.response(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge.getMessage());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException unsupported) {
        return Problems.response(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be one of " + unsupported.getSupportedMediaTypes());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    public ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException notAcceptable) {
        return Problems.response(ErrorCode.NOT_ACCEPTABLE, "Accept must allow one of " + notAcceptable.getSupportedMediaTypes());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException unsupported) {
        return Problems.response(ErrorCode.METHOD_NOT_ALLOWED, "Method " + unsupported.getMethod() + " is not allowed here");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    public ResponseEntity<ProblemDetail> noResource(NoResourceFoundException missing) {
        return Problems.response(ErrorCode.NOT_FOUND, "No such path");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    public ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException missing) {
        return Problems.response(ErrorCode.INVALID_REQUEST, "Query parameter '" + missing.getParameterName() + "' is required");
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    public ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException missing) {
        return Problems.response(ErrorCode.INVALID_REQUEST, "Header '" + missing.getHeaderName() + "' is required");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException mismatch) {
        return Problems.response(ErrorCode.INVALID_REQUEST, "Parameter '" + mismatch.getName() + "' has the wrong format");
    }

    @ExceptionHandler(AccessDeniedException.class)
    public ResponseEntity<ProblemDetail> denied(AccessDeniedException denied) {
        return Problems.response(ErrorCode.FORBIDDEN, "Not allowed for this principal");
    }

    @ExceptionHandler(AuthenticationException.class)
    public ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException unauthenticated) {
        return Problems.response(ErrorCode.UNAUTHENTICATED, "Authentication required");
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception failure) {
        if (StoreFailures.isUnavailable(failure)) {
            return storeUnavailable(failure);
        }
        log.error("Unexpected failure answered as 500", failure);
        return Problems.response(ErrorCode.INTERNAL_ERROR, "An internal error occurred; it has been logged");
    }
}
