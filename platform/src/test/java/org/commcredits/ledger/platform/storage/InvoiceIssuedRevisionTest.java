package org.commcredits.ledger.platform.storage;

import org.commcredits.ledger.api.creditaccount.InvoiceIssued;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/events.md: an InvoiceIssued of revision 1 (before PO numbers) reads as revision 2 with no PO number. */
class InvoiceIssuedRevisionTest {

    @Test
    @DisplayName("InvoiceIssued r1 reads with poNumber null; r2 keeps it")
    void revisionOneReadsWithoutPoNumber() throws Exception {
        String r1 = "{\"tenantId\":\"contoso\",\"invoiceId\":\"inv-1\",\"number\":1,\"kind\":\"FUNDING\","
                + "\"issuedAt\":\"2025-01-01T00:00:00Z\",\"lines\":[{\"description\":\"Communication Credits\","
                + "\"amount\":{\"minor\":5000,\"currency\":\"USD\"}}],\"total\":{\"minor\":5000,\"currency\":\"USD\"},"
                + "\"status\":\"PAID\",\"reference\":\"tr-1\"}";
        InvoiceIssued old = EventJson.mapper().readValue(r1, InvoiceIssued.class);
        assertThat(old.poNumber()).isNull();
        assertThat(old.reference()).isEqualTo("tr-1");
        String r2 = EventJson.mapper().writeValueAsString(new InvoiceIssued(old.tenantId(), "inv-2", 2, old.kind(), old.issuedAt(),
                old.lines(), old.total(), old.status(), "tr-2", "PO-77"));
        assertThat(EventJson.mapper().readValue(r2, InvoiceIssued.class).poNumber()).isEqualTo("PO-77");
    }
}
