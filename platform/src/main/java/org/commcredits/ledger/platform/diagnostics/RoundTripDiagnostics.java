package org.commcredits.ledger.platform.diagnostics;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import javax.sql.DataSource;
import java.io.IOException;

/**
 * With {@code ledger.diagnostics.round-trips=true}: every data source counts its round trips ({@link RoundTrips})
 * and every answer of a controller carries {@value #HEADER}, the round trips its request made on its own
 * thread, from the first filter to the body (the command's whole transaction, commit included). Off by
 * default: a diagnostic for benchmarks and for finding what a request costs, not part of the contract.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ledger.diagnostics.round-trips", havingValue = "true")
public class RoundTripDiagnostics {

    public static final String HEADER = "X-Db-Round-Trips";

    @Bean
    static BeanPostProcessor countingDataSources() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource ? RoundTrips.counting(dataSource) : bean;
            }
        };
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> roundTripReset() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                RoundTrips.reset();
                chain.doFilter(request, response);
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    RoundTripHeader roundTripHeader() {
        return new RoundTripHeader();
    }

    /** Writes the count just before the body, when the command's transaction has committed. */
    @ControllerAdvice
    static final class RoundTripHeader implements ResponseBodyAdvice<Object> {

        @Override
        public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
            return true;
        }

        @Override
        public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
                                      Class<? extends HttpMessageConverter<?>> selectedConverterType,
                                      ServerHttpRequest request, ServerHttpResponse response) {
            response.getHeaders().set(HEADER, Long.toString(RoundTrips.count()));
            return body;
        }
    }
}
