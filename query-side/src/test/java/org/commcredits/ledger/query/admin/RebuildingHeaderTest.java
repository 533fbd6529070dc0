package org.commcredits.ledger.query.admin;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class RebuildingHeaderTest {

    private final ProjectionReplays replays = mock(ProjectionReplays.class);
    private final RebuildingHeader filter = new RebuildingHeader(replays);

    @Test
    @DisplayName("INV-RM-07: while a projection is rebuilt, query answers say so")
    void flagsQueriesWhileRebuilding() throws Exception {
        when(replays.rebuilding()).thenReturn(List.of("invoices", "ledger"));
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(new MockHttpServletRequest("GET", "/api/tenants/contoso/ledger"), response, new MockFilterChain());

        assertThat(response.getHeader(RebuildingHeader.HEADER)).isEqualTo("invoices,ledger");
    }

    @Test
    void doesNotFlagQueriesWhenNothingIsRebuilt() throws Exception {
        when(replays.rebuilding()).thenReturn(List.of());
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(new MockHttpServletRequest("GET", "/api/tenants/contoso/ledger"), response, new MockFilterChain());

        assertThat(response.getHeader(RebuildingHeader.HEADER)).isNull();
    }
}
