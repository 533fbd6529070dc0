package org.commcredits.ledger.command.rating;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.commcredits.ledger.api.rating.RateCardUploaded;
import org.commcredits.ledger.api.rating.RateRow;
import org.commcredits.ledger.api.rating.UploadRateCard;
import org.commcredits.ledger.platform.commands.CommandExecutor;
import org.commcredits.ledger.platform.security.LedgerPrincipal;
import org.commcredits.ledger.platform.web.RequestFields;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code PUT /api/rate-cards/{rateCardId}}: a CSV rate card, accepted whole or rejected whole. */
@RestController
class RateCardController {

    private final CommandGateway commands;
    private final CommandExecutor executor;

    RateCardController(CommandGateway commands, CommandExecutor executor) {
        this.commands = commands;
        this.executor = executor;
    }

    record UploadAnswer(String rateCardId, long version, int count) {
    }

    record UploadFingerprint(String rateCardId, int length) {
    }

    @PutMapping(path = "/api/rate-cards/{rateCardId}", consumes = {"text/csv", "text/plain", "application/octet-stream"},
            produces = "application/json")
    ResponseEntity<String> upload(@PathVariable String rateCardId, @RequestBody(required = false) String csv,
                                  @AuthenticationPrincipal LedgerPrincipal principal) {
        RequestFields.id(rateCardId, "rateCardId");
        List<RateRow> rows = RateCardCsv.parse(csv);
        return executor.execute(new CommandExecutor.Command("rate-cards/" + rateCardId, null, "rate-cards",
                new UploadFingerprint(rateCardId, csv.length()), () -> {
                    RateCardUploaded uploaded = commands.sendAndWait(
                            new UploadRateCard(rateCardId, rows, principal == null ? "?" : principal.name()));
                    return new CommandExecutor.Answer(200, new UploadAnswer(rateCardId, uploaded.version(), rows.size()));
                }));
    }
}
