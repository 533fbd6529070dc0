package org.commcredits.ledger.apps;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.commcredits.ledger.api.creditaccount.AccountStanding;
import org.commcredits.ledger.api.creditaccount.BillingAgreement;
import org.commcredits.ledger.api.creditaccount.ChargeOutcome;
import org.commcredits.ledger.api.creditaccount.ChargeUsage;
import org.commcredits.ledger.api.creditaccount.FindAccountStanding;
import org.commcredits.ledger.api.creditaccount.FundsReserved;
import org.commcredits.ledger.api.creditaccount.ReleaseReservation;
import org.commcredits.ledger.api.creditaccount.ReserveFunds;
import org.commcredits.ledger.api.creditaccount.TrancheHold;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.license.FindUserCallingProfile;
import org.commcredits.ledger.api.license.Sku;
import org.commcredits.ledger.api.license.UserCallingProfile;
import org.commcredits.ledger.api.money.Money;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stand-ins for the credit account (issue 4) and licensing (issue 5) seams, answering the pinned
 * commands and queries from memory, so the call path can be tested before those branches merge. The
 * arithmetic follows the pinned contract: holds reduce "available", a charge settles its hold, what the
 * balance cannot cover is postpaid on MCA and unfunded otherwise, idempotent per charge id.
 */
public class CreditAndLicensingStubs {

    public static final class Account {
        final String currency;
        final BillingAgreement agreement;
        long balance;
        final Map<String, Long> holds = new ConcurrentHashMap<>();
        final Map<String, ChargeOutcome> charges = new ConcurrentHashMap<>();

        Account(String currency, BillingAgreement agreement, long balance) {
            this.currency = currency;
            this.agreement = agreement;
            this.balance = balance;
        }

        long available() {
            return balance - holds.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, UserCallingProfile> profiles = new ConcurrentHashMap<>();

    /** Tenants named {@code bench-*} (the load benchmark's) exist on first use: 1,000,000.00 USD, users in US on PAYG. */
    private Account account(String tenant) {
        return tenant.startsWith("bench-")
                ? accounts.computeIfAbsent(tenant, t -> new Account("USD", BillingAgreement.DIRECT, 100_000_000L))
                : accounts.get(tenant);
    }

    public void open(String tenant, BillingAgreement agreement, long balanceMinor) {
        accounts.put(tenant, new Account("USD", agreement, balanceMinor));
    }

    public void user(String tenant, String user, String location, Sku... skus) {
        profiles.put(tenant + "/" + user, new UserCallingProfile(org.commcredits.ledger.api.ids.TenantId.of(tenant),
                org.commcredits.ledger.api.ids.UserId.of(user), true, location == null ? null : CountryCode.of(location),
                Set.of(skus)));
    }

    public long balance(String tenant) {
        return accounts.get(tenant).balance;
    }

    public long held(String tenant) {
        Account account = accounts.get(tenant);
        return account.balance - account.available();
    }

    public int charges(String tenant) {
        return accounts.get(tenant).charges.size();
    }

    @QueryHandler
    public AccountStanding handle(FindAccountStanding query) {
        Account a = account(query.tenantId().value());
        return a == null ? null : new AccountStanding(query.tenantId(), a.currency, a.agreement,
                Money.ofMinor(a.balance, a.currency), Money.ofMinor(a.available(), a.currency));
    }

    @QueryHandler
    public UserCallingProfile handle(FindUserCallingProfile query) {
        UserCallingProfile known = profiles.get(query.tenantId().value() + "/" + query.userId().value());
        if (known == null && query.tenantId().value().startsWith("bench-")) {
            return new UserCallingProfile(query.tenantId(), query.userId(), true, CountryCode.of("US"),
                    Set.of(Sku.TEAMS_PHONE, Sku.CALLING_PLAN_PAYG, Sku.COMMUNICATION_CREDITS));
        }
        return known != null ? known : new UserCallingProfile(query.tenantId(), query.userId(), false, null, Set.of());
    }

    @CommandHandler
    public synchronized FundsReserved handle(ReserveFunds command) {
        Account a = account(command.tenantId().value());
        long amount = Math.min(command.amount().minor(), a.available());
        if (amount <= 0 || (!command.partialAllowed() && amount < command.amount().minor())) {
            return null;
        }
        a.holds.put(command.reservationId(), amount);
        Money held = Money.ofMinor(amount, a.currency);
        return new FundsReserved(command.tenantId(), command.reservationId(), held, List.of(new TrancheHold("tr-1", held)),
                Money.ofMinor(a.available(), a.currency), Instant.EPOCH, command.expiresAt());
    }

    @CommandHandler
    public synchronized void handle(ReleaseReservation command) {
        account(command.tenantId().value()).holds.remove(command.reservationId());
    }

    @CommandHandler
    public synchronized ChargeOutcome handle(ChargeUsage command) {
        Account a = account(command.tenantId().value());
        if (a == null) {
            throw new org.axonframework.modelling.command.AggregateNotFoundException(command.aggregateId(), "no account");
        }
        ChargeOutcome earlier = a.charges.get(command.chargeId());
        if (earlier != null) {
            return earlier;
        }
        if (command.reservationId() != null) {
            a.holds.remove(command.reservationId());
        }
        long fromCredits = Math.min(command.amount().minor(), Math.max(a.available(), 0));
        long rest = command.amount().minor() - fromCredits;
        a.balance -= fromCredits;
        boolean mca = a.agreement == BillingAgreement.MCA;
        ChargeOutcome outcome = new ChargeOutcome(command.chargeId(), Money.ofMinor(fromCredits, a.currency),
                Money.ofMinor(mca ? rest : 0, a.currency), Money.ofMinor(mca ? 0 : rest, a.currency),
                Money.ofMinor(a.balance, a.currency));
        a.charges.put(command.chargeId(), outcome);
        return outcome;
    }
}
