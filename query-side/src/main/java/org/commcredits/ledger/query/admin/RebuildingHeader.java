package org.commcredits.ledger.query.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;

/**
 * While a projection is being rebuilt, every query answer carries {@code X-Read-Model-Rebuilding} with
 * the projections concerned (INV-RM-07): queries keep answering, and say clearly that the rows may be
 * incomplete until the rebuild finishes.
 */
@Component
class RebuildingHeader extends OncePerRequestFilter {

    static final String HEADER = "X-Read-Model-Rebuilding";

    private final ProjectionReplays replays;

    RebuildingHeader(ProjectionReplays replays) {
        this.replays = replays;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("GET".equals(request.getMethod())) {
            List<String> rebuilding = replays.rebuilding();
            if (!rebuilding.isEmpty()) {
                response.setHeader(HEADER, String.join(",", rebuilding));
            }
        }
        chain.doFilter(request, response);
    }
}
