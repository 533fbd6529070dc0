package org.commcredits.ledger.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.core.StandardHost;
import org.commcredits.ledger.api.error.ErrorCode;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/** Error answers from below MVC: the security firewall and Tomcat itself speak problem+json too. */
@Configuration
public class ErrorAnswersConfiguration {

    @Bean
    public RequestRejectedHandler problemOnRejectedRequest(ObjectMapper mapper) {
        return (request, response, rejected) -> Problems.write(response, mapper, ErrorCode.INVALID_REQUEST,
                "The request URL contains characters that are not allowed");
    }

    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }
}
