package org.commcredits.ledger.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.commcredits.ledger.api.error.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.net.URI;

/**
 * The one shape of every error answer: RFC 9457 {@code application/problem+json} with the contract's
 * {@code type}, {@code title}, {@code status}, {@code detail} and a stable {@code code}.
 */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;
    private static final String TYPE_BASE = "https://commcredits.example/problems/";

    private Problems() {
    }

    public static ProblemDetail of(ErrorCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(code.status()),
                detail == null ? code.title() : detail);
        problem.setType(URI.create(TYPE_BASE + code.name().toLowerCase().replace('_', '-')));
        problem.setTitle(code.title());
        problem.setProperty("code", code.name());
        return problem;
    }

    public static ResponseEntity<ProblemDetail> response(ErrorCode code, String detail) {
        return ResponseEntity.status(code.status()).contentType(PROBLEM_JSON).body(of(code, detail));
    }

    /** Writes a problem straight to the servlet response, for filters and security handlers outside MVC. */
    public static void write(HttpServletResponse response, ObjectMapper mapper, ErrorCode code, String detail)
            throws IOException {
        response.setStatus(code.status());
        response.setContentType(PROBLEM_JSON.toString());
        mapper.writeValue(response.getOutputStream(), of(code, detail));
    }
}
