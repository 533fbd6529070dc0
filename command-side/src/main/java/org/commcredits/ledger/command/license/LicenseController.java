package org.commcredits.ledger.command.license;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;
import org.commcredits.ledger.api.license.AssignLicense;
import org.commcredits.ledger.api.license.ChangeSeats;
import org.commcredits.ledger.api.license.LicenseAssigned;
import org.commcredits.ledger.api.license.RemoveLicense;
import org.commcredits.ledger.api.license.SetUsageLocation;
import org.commcredits.ledger.api.license.Sku;
import org.commcredits.ledger.api.license.SubscribeSeats;
import org.commcredits.ledger.platform.commands.CommandExecutor;
import org.commcredits.ledger.platform.security.LedgerPrincipal;
import org.commcredits.ledger.platform.web.RequestFields;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Set;

/** Licensing's command paths: subscriptions, usage locations, assignment and removal of one license. */
@RestController
@RequestMapping(path = "/api/tenants/{tenantId}", produces = "application/json")
class LicenseController {

    static final long MAX_SEATS = 1_000_000;
    static final int MAX_REASON = 200;
    static final String DEFAULT_REMOVAL_REASON = "REMOVED_BY_ADMIN";

    private final CommandGateway commands;
    private final LicensingCommands licensing;
    private final CommunicationCreditsGrantWait creditSeats;

    LicenseController(CommandGateway commands, LicensingCommands licensing,
                      CommunicationCreditsGrantWait creditSeats) {
        this.commands = commands;
        this.licensing = licensing;
        this.creditSeats = creditSeats;
    }

    record SubscriptionRequest(String sku, JsonNode seats) {
    }

    record SeatsRequest(JsonNode seats) {
    }

    record SeatsAnswer(String sku, long seats, boolean unlimited, long assigned, Long available) {

        static SeatsAnswer of(SeatCount count) {
            return new SeatsAnswer(count.sku().name(), count.seats(), count.unlimited(), count.assigned(), count.available());
        }
    }

    record UsageLocationRequest(String country) {
    }

    record UsageLocationAnswer(String userId, String usageLocation, List<String> licenses) {
    }

    record LicenseRequest(String sku) {
    }

    record LicenseAnswer(String userId, String sku, String usageLocation, List<String> licenses) {
    }

    @PostMapping(path = "/subscriptions", consumes = "application/json")
    ResponseEntity<String> subscribe(@PathVariable String tenantId, @RequestBody SubscriptionRequest request,
                                     @AuthenticationPrincipal LedgerPrincipal principal) {
        TenantId tenant = TenantId.of(RequestFields.id(tenantId, "tenantId"));
        RequestFields.required(request, "body");
        Sku sku = sku(request.sku());
        long seats = seats(request.seats(), 1);
        return licensing.execute(tenant, request, () -> {
                    return new CommandExecutor.Answer(201, SeatsAnswer.of(
                            commands.sendAndWait(new SubscribeSeats(tenant, sku, seats, principal.name()))));
                });
    }

    /** Sets a subscription's seats in total, up or down (an extension of the contract: docs/api-changes.md). */
    @PutMapping(path = "/subscriptions/{sku}", consumes = "application/json")
    ResponseEntity<String> changeSeats(@PathVariable String tenantId, @PathVariable("sku") String skuName,
                                       @RequestBody SeatsRequest request,
                                       @AuthenticationPrincipal LedgerPrincipal principal) {
        TenantId tenant = TenantId.of(RequestFields.id(tenantId, "tenantId"));
        Sku sku = sku(skuName);
        RequestFields.required(request, "body");
        long seats = seats(request.seats(), 0);
        return licensing.execute(tenant, request, () -> {
                    return new CommandExecutor.Answer(200, SeatsAnswer.of(
                            commands.sendAndWait(new ChangeSeats(tenant, sku, seats, principal.name()))));
                });
    }

    @PutMapping(path = "/users/{userId}/usage-location", consumes = "application/json")
    ResponseEntity<String> setUsageLocation(@PathVariable String tenantId, @PathVariable String userId,
                                            @RequestBody UsageLocationRequest request,
                                            @AuthenticationPrincipal LedgerPrincipal principal) {
        TenantId tenant = TenantId.of(RequestFields.id(tenantId, "tenantId"));
        UserId user = UserId.of(RequestFields.id(userId, "userId"));
        RequestFields.required(request, "body");
        CountryCode country = country(request.country());
        return licensing.execute(tenant, request, () -> {
                    UserLicense after = commands.sendAndWait(new SetUsageLocation(tenant, user, country, principal.name()));
                    return new CommandExecutor.Answer(200, new UsageLocationAnswer(userId, country.value(),
                            names(after.skus())));
                });
    }

    @PostMapping(path = "/users/{userId}/licenses", consumes = "application/json")
    ResponseEntity<String> assign(@PathVariable String tenantId, @PathVariable String userId,
                                  @RequestBody LicenseRequest request,
                                  @AuthenticationPrincipal LedgerPrincipal principal) {
        TenantId tenant = TenantId.of(RequestFields.id(tenantId, "tenantId"));
        UserId user = UserId.of(RequestFields.id(userId, "userId"));
        RequestFields.required(request, "body");
        Sku sku = sku(request.sku());
        if (sku == Sku.COMMUNICATION_CREDITS) {
            creditSeats.awaitSeats(tenant); // the seats of a funding just made (INV-LIC-06)
        }
        return licensing.execute(tenant, request, () -> {
                    LicenseAssigned assigned = commands.sendAndWait(new AssignLicense(tenant, user, sku, principal.name()));
                    return new CommandExecutor.Answer(201, new LicenseAnswer(userId, sku.name(),
                            assigned.usageLocation() == null ? null : assigned.usageLocation().value(),
                            names(assigned.skusAfter())));
                });
    }

    @DeleteMapping(path = "/users/{userId}/licenses/{sku}")
    ResponseEntity<Void> remove(@PathVariable String tenantId, @PathVariable String userId,
                                @PathVariable("sku") String skuName,
                                @RequestParam(required = false) String reason,
                                @AuthenticationPrincipal LedgerPrincipal principal) {
        TenantId tenant = TenantId.of(RequestFields.id(tenantId, "tenantId"));
        UserId user = UserId.of(RequestFields.id(userId, "userId"));
        Sku sku = sku(skuName);
        String why = reason(reason);
        ResponseEntity<String> answer = licensing.execute(tenant, new RemovalRequest(userId, sku.name(), why), () -> {
                    commands.sendAndWait(new RemoveLicense(tenant, user, sku, why, principal.name()));
                    return new CommandExecutor.Answer(204, null);
                });
        return ResponseEntity.noContent()
                .header(CommandExecutor.EVENT_SEQUENCE_HEADER, answer.getHeaders().getFirst(CommandExecutor.EVENT_SEQUENCE_HEADER))
                .build();
    }

    record RemovalRequest(String userId, String sku, String reason) {
    }

    static Sku sku(String value) {
        return RequestFields.enumValue(Sku.class, value, "sku", ErrorCode.INVALID_SKU);
    }

    /** A whole number of seats from {@code minimum} to 1,000,000; anything else is {@code INVALID_SEATS}. */
    static long seats(JsonNode value, long minimum) {
        RequestFields.required(value == null || value.isNull() ? null : value, "seats");
        if (!value.isIntegralNumber() || !value.canConvertToLong()
                || value.asLong() < minimum || value.asLong() > MAX_SEATS) {
            throw new LedgerException(ErrorCode.INVALID_SEATS,
                    "seats must be a whole number from " + minimum + " to " + MAX_SEATS);
        }
        return value.asLong();
    }

    static CountryCode country(String value) {
        RequestFields.required(value, "country");
        if (!CountryCode.isValid(value)) {
            throw new LedgerException(ErrorCode.INVALID_COUNTRY, "country must be an ISO 3166-1 alpha-2 code such as US");
        }
        return CountryCode.of(value);
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            return DEFAULT_REMOVAL_REASON;
        }
        if (reason.length() > MAX_REASON) {
            throw new LedgerException(ErrorCode.INVALID_REQUEST, "reason must be at most " + MAX_REASON + " characters");
        }
        return reason;
    }

    static List<String> names(Set<Sku> skus) {
        return skus.stream().sorted().map(Sku::name).toList();
    }
}
