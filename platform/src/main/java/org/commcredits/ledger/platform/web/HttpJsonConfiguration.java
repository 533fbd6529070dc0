package org.commcredits.ledger.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Strict JSON at the HTTP edge: a number or boolean where the contract wants a string (amounts are decimal
 * strings) is an error, not silently converted; unknown fields are errors (see {@code ledger-defaults.yml}).
 * Stored events use their own mapper ({@code EventJson}), which stays lenient for evolution.
 *
 * <p>The body rules of the contract's "(v2) Robustness" (INV-IN-02), each a {@code 400 INVALID_REQUEST}
 * ({@link JsonRules} words the detail): a field named twice (Jackson's default keeps the last, so
 * {@code {"amount":"50.00","amount":"-1"}} meant whichever a reader looked at); nesting deeper than
 * {@link #MAX_NESTING_DEPTH}; anything but whitespace after the first JSON document (Jackson's default
 * reads {@code {"amount":"50.00"}{"amount":"999.00"}} as 50.00 and ignores the rest).
 */
@Configuration
public class HttpJsonConfiguration {

    /** No contract body nests deeper than 3; 64 leaves room and bounds the parser's work and stack. */
    public static final int MAX_NESTING_DEPTH = 64;

    @Bean
    public Jackson2ObjectMapperBuilderCustomizer strictScalars() {
        return builder -> builder.postConfigurer(mapper -> {
            mapper.coercionConfigFor(LogicalType.Textual)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
            mapper.coercionConfigFor(LogicalType.Boolean)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        });
    }

    @Bean
    public Jackson2ObjectMapperBuilderCustomizer oneDocumentNoDuplicatesBoundedDepth() {
        return builder -> builder
                .featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .postConfigurer(mapper -> mapper.getFactory().setStreamReadConstraints(
                        StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build()));
    }
}
