package org.commcredits.ledger.platform.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.commcredits.ledger.api.error.ErrorCode;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Tomcat's own error answers (a request it refuses before the application sees it, such as an encoded NUL
 * in the path) as {@code application/problem+json} instead of an HTML page with the server's version.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ErrorCode code = ProblemErrorController.byStatus(status);
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"https://commcredits.example/problems/" + code.name().toLowerCase().replace('_', '-')
                        + "\",\"title\":\"" + code.title() + "\",\"status\":" + status + ",\"detail\":\"" + code.title()
                        + "\",\"code\":\"" + code.name() + "\"}");
            }
        } catch (IOException | IllegalStateException ignored) {
            // the client went away; nothing more to say
        }
    }
}
