package org.commcredits.ledger.platform.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.lang.reflect.Type;

/**
 * INV-IN-02: a JSON body is checked as a whole document before any field of it is bound. One streaming pass
 * (no tree is built) with the HTTP mapper's parser: well-formed, no field named twice in an object, not
 * nested deeper than {@link HttpJsonConfiguration#MAX_NESTING_DEPTH}, nothing after the first document.
 *
 * <p>Why a pass of its own: binding stops at the first field it cannot use, so without it
 * {@code {"amount":5,"amount":"50.00"}} was {@code INVALID_AMOUNT} and {@code {"amount":"50.00","x":[[[...]]]}}
 * an unknown field, while the same rules broken after a good field were {@code INVALID_REQUEST}. Checking
 * the document first makes the answer depend on the rule, not on where in the body it was broken. The
 * bodies are at most 1 MiB ({@link BodySizeLimitFilter}), so holding one in memory is already the case.
 */
@ControllerAdvice
public class WellFormedJsonBodies extends RequestBodyAdviceAdapter {

    private final ObjectMapper mapper;

    public WellFormedJsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return AbstractJackson2HttpMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] body = input.getBody().readAllBytes();
        HttpHeaders headers = input.getHeaders();
        check(body, headers.getContentType() == null ? null : headers.getContentType().getCharset());
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
    }

    /** Whether anything but whitespace follows: a stray {@code ]} or {@code ,} is content too, not only a second value. */
    private static boolean hasMore(JsonParser parser) throws IOException {
        try {
            return parser.nextToken() != null;
        } catch (JsonParseException unexpected) {
            return true;
        }
    }

    /** Throws the parser's exception (a {@link JsonRules} case or a syntax error) when the document breaks a rule. */
    void check(byte[] body) throws IOException {
        check(body, null);
    }

    /**
     * As {@link #check(byte[])}, reading the bytes in {@code charset} when the request names one that is not a
     * UTF (Spring's converter does the same; otherwise the parser detects UTF-8, -16 or -32 itself).
     */
    void check(byte[] body, Charset charset) throws IOException {
        boolean named = charset != null && !charset.name().startsWith("UTF");
        try (JsonParser parser = named
                ? mapper.getFactory().createParser(new InputStreamReader(new ByteArrayInputStream(body), charset))
                : mapper.getFactory().createParser(body)) {
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            if (parser.nextToken() == null) {
                return; // no document at all: binding answers "body required" as it always has
            }
            parser.skipChildren(); // reads every token of the document: duplicates and depth are checked on the way
            if (hasMore(parser)) {
                throw new JsonRules.SecondDocument();
            }
        }
    }
}
