package org.commcredits.ledger.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConversionException;
import org.springframework.http.converter.HttpMessageNotWritableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** INV-IN-02 behind the document check: a body Jackson files as a definition error is a 400, not the 500 it was. */
class UnbindableBodyProblemTest {

    record FundsRequest(String amount) {
    }

    @Test
    @DisplayName("INV-IN-02: the record failure a duplicate field caused (it answered 500) is 400 INVALID_REQUEST")
    void cannotBindARecordFromAFieldNamedTwiceAndSaysSo() {
        // What the body {"amount":"50.00","amount":"-1"} does to a record without duplicate detection.
        InvalidDefinitionException definition = catchThrowableOfType(InvalidDefinitionException.class,
                () -> new ObjectMapper().readValue("{\"amount\":\"50.00\",\"amount\":\"-1\"}", FundsRequest.class));
        ResponseEntity<ProblemDetail> answer = new ProblemHandler()
                .unconvertible(new HttpMessageConversionException("Type definition error", definition));
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().getProperties()).containsEntry("code", "INVALID_REQUEST");
    }

    @Test
    @DisplayName("a failure writing an answer stays a 500: it is the ledger's fault, not the client's")
    void writingFailuresStayInternal() {
        ResponseEntity<ProblemDetail> answer = new ProblemHandler()
                .unconvertible(new HttpMessageNotWritableException("Could not write JSON"));
        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getBody().getProperties()).containsEntry("code", "INTERNAL_ERROR");
    }
}
