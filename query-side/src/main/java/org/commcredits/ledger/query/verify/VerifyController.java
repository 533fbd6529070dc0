package org.commcredits.ledger.query.verify;

import org.commcredits.ledger.platform.web.RequestFields;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/tenants/{tenantId}/verify}: replays the tenant's events and compares with every read model. */
@RestController
class VerifyController {

    private final Verification verification;

    VerifyController(Verification verification) {
        this.verification = verification;
    }

    @GetMapping(path = "/api/tenants/{tenantId}/verify", produces = "application/json")
    Verification.Report verify(@PathVariable String tenantId) {
        RequestFields.id(tenantId, "tenantId");
        return verification.verify(tenantId);
    }
}
