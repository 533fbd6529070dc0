package org.commcredits.ledger.query.eligibility;

import org.commcredits.ledger.api.creditaccount.BillingAgreement;
import org.commcredits.ledger.api.creditaccount.BillingAgreementChanged;
import org.commcredits.ledger.api.creditaccount.CommunicationCreditsEnabled;
import org.commcredits.ledger.api.creditaccount.CreditAccountOpened;
import org.commcredits.ledger.api.creditaccount.FundingSource;
import org.commcredits.ledger.api.creditaccount.FundsAdded;
import org.commcredits.ledger.api.creditaccount.FundsConsumed;
import org.commcredits.ledger.api.creditaccount.FundsReserved;
import org.commcredits.ledger.api.creditaccount.ReservationReleased;
import org.commcredits.ledger.api.creditaccount.TrancheExpired;
import org.commcredits.ledger.api.ids.CallId;
import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.ids.TenantId;
import org.commcredits.ledger.api.ids.UserId;
import org.commcredits.ledger.api.license.LicenseAssigned;
import org.commcredits.ledger.api.license.LicenseRemoved;
import org.commcredits.ledger.api.license.LicensesBulkAssigned;
import org.commcredits.ledger.api.license.PoolTimeZoneSet;
import org.commcredits.ledger.api.license.Sku;
import org.commcredits.ledger.api.license.UsageLocationSet;
import org.commcredits.ledger.api.license.UsageLocationsSet;
import org.commcredits.ledger.api.money.Money;
import org.commcredits.ledger.api.pool.MinutesConsumed;
import org.commcredits.ledger.api.pool.PoolKind;
import org.commcredits.ledger.api.pool.PoolMemberJoined;
import org.commcredits.ledger.api.pool.PoolResized;
import org.commcredits.ledger.api.pool.PoolThresholdReached;
import org.commcredits.ledger.platform.testing.H2TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.commcredits.ledger.query.config.DeferredWrites;
import org.commcredits.ledger.query.config.ProjectionFailures;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.commcredits.ledger.api.license.Sku.AUDIO_CONFERENCING;
import static org.commcredits.ledger.api.license.Sku.CALLING_PLAN_DOMESTIC;
import static org.commcredits.ledger.api.license.Sku.CALLING_PLAN_INTERNATIONAL;
import static org.commcredits.ledger.api.license.Sku.CALLING_PLAN_PAYG;
import static org.commcredits.ledger.api.license.Sku.COMMUNICATION_CREDITS;
import static org.commcredits.ledger.api.license.Sku.M365_E5;
import static org.commcredits.ledger.api.license.Sku.TEAMS_PHONE;

/**
 * The eligibility projection fed with events as its processor would feed them, then asked: one test per
 * reason code and per funding source, both sides of each rule, and a replay that rebuilds the same rows.
 */
class EligibilityProjectionTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final TenantId T = TenantId.of("contoso");
    private static final UserId U = UserId.of("alice");
    private static final CountryCode US = CountryCode.of("US");
    private static final YearMonth MONTH = YearMonth.of(2026, 11);

    private JdbcTemplate jdbc;
    private EligibilityProjection projection;
    private IncludedMinutePools pools;
    private PoolEligibility poolEvents;
    private EligibilityReadModel readModel;
    private final List<Object> history = new ArrayList<>();
    private long sequence;

    private static JdbcTemplate database;

    @BeforeAll
    static void migrate() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(H2TestDatabase.memoryUrl("elig"), "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common").load().migrate();
        database = new JdbcTemplate(dataSource);
    }

    @BeforeEach
    void setUp() {
        jdbc = database;
        projection = new EligibilityProjection(jdbc, new DeferredWrites(new ProjectionFailures()));
        pools = new IncludedMinutePools(jdbc);
        poolEvents = new PoolEligibility(pools);
        readModel = new EligibilityReadModel(jdbc, pools, Clock.fixed(NOW, ZoneOffset.UTC));
        projection.reset();
        poolEvents.reset();
    }

    // --- givens

    private void given(Object... events) {
        for (Object event : events) {
            history.add(event);
            feed(event, ++sequence);
        }
    }

    private void feed(Object event, long position) {
        long token = position;
        if (event instanceof UsageLocationSet e) {
            projection.on(e, token);
        } else if (event instanceof UsageLocationsSet e) {
            projection.on(e, token);
        } else if (event instanceof LicenseAssigned e) {
            projection.on(e, token);
        } else if (event instanceof LicensesBulkAssigned e) {
            projection.on(e, token);
        } else if (event instanceof LicenseRemoved e) {
            projection.on(e, token);
        } else if (event instanceof CreditAccountOpened e) {
            projection.on(e, token);
        } else if (event instanceof FundsAdded e) {
            projection.on(e, token);
        } else if (event instanceof FundsConsumed e) {
            projection.on(e, token);
        } else if (event instanceof TrancheExpired e) {
            projection.on(e, token);
        } else if (event instanceof FundsReserved e) {
            projection.on(e, token);
        } else if (event instanceof ReservationReleased e) {
            projection.on(e, token);
        } else if (event instanceof BillingAgreementChanged e) {
            projection.on(e, token);
        } else if (event instanceof CommunicationCreditsEnabled e) {
            projection.on(e, token);
        } else if (event instanceof MinutesConsumed e) {
            poolEvents.on(e, token);
        } else if (event instanceof PoolThresholdReached e) {
            poolEvents.on(e, token);
        } else if (event instanceof PoolMemberJoined e) {
            poolEvents.on(e, token);
        } else if (event instanceof PoolResized e) {
            poolEvents.on(e, token);
        } else if (event instanceof PoolTimeZoneSet e) {
            poolEvents.on(e, token);
        } else if (event instanceof PoolMark e) {
            pools.mark(T, e.pool(), US, e.month(), e.exhausted(), position);
        } else {
            throw new IllegalArgumentException(event.toString());
        }
    }

    /** Stands in for rating's pool events (issue 6), which will call the same extension point. */
    private record PoolMark(String pool, YearMonth month, boolean exhausted) {
    }

    private static UsageLocationSet located() {
        return new UsageLocationSet(T, U, US, null, "admin", NOW);
    }

    private static LicenseAssigned holding(Sku... skus) {
        Set<Sku> all = skus.length == 0 ? Set.of() : EnumSet.of(skus[0], skus);
        return new LicenseAssigned(T, U, skus[skus.length - 1], US, all, 1, "admin", NOW);
    }

    private static CreditAccountOpened account(BillingAgreement agreement) {
        return new CreditAccountOpened(T, "USD", agreement, NOW, "billing_admin");
    }

    private static FundsAdded funded(long minor) {
        return new FundsAdded(T, "tr-1", Money.ofMinor(minor, "USD"), NOW, NOW.plusSeconds(86400 * 365), "inv-1",
                FundingSource.MANUAL, null, Money.ofMinor(minor, "USD"));
    }

    private static FundsConsumed consumed(long amount, long balanceAfter) {
        return new FundsConsumed(T, "ch-1", "call-1", null, Money.ofMinor(amount, "USD"), List.of(),
                Money.ofMinor(balanceAfter, "USD"), NOW);
    }

    private static PoolMark poolExhausted(Sku plan) {
        return new PoolMark(plan.name(), MONTH, true);
    }

    private Eligibility decide() {
        return readModel.user(T.value(), U.value()).eligibility();
    }

    private static List<Reason> reasons(Reason... reasons) {
        return List.of(reasons);
    }

    // --- reasons

    @Test
    @DisplayName("INV-LIC-16 USAGE_LOCATION_REQUIRED: a user never located cannot dial out")
    void usageLocationRequired() {
        // A user licensing never heard of holds no calling license, as the call path answers (INV-CALL-12);
        // a known user (Teams Phone needs no location) without a location is the case of this rule.
        assertThat(decide().domestic().reasons()).isEqualTo(reasons(Reason.NO_CALLING_LICENSE));
        given(new LicenseAssigned(T, U, TEAMS_PHONE, null, Set.of(TEAMS_PHONE), 1, "admin", NOW));
        Eligibility eligibility = decide();
        assertThat(eligibility.domestic().canDialOut()).isFalse();
        assertThat(eligibility.domestic().reasons()).contains(Reason.USAGE_LOCATION_REQUIRED);
    }

    @Test
    @DisplayName("INV-LIC-10 NO_CALLING_LICENSE: a calling plan without Teams Phone, and Teams Phone without a plan")
    void noCallingLicense() {
        given(located(), holding(CALLING_PLAN_DOMESTIC));
        assertThat(decide().domestic().reasons()).isEqualTo(reasons(Reason.NO_CALLING_LICENSE));
        given(holding(TEAMS_PHONE)); // only Teams Phone now: skusAfter is absolute
        assertThat(decide().domestic().reasons()).isEqualTo(reasons(Reason.NO_CALLING_LICENSE));
        given(holding(M365_E5)); // E5 includes Teams Phone, not a calling plan
        assertThat(decide().domestic().reasons()).isEqualTo(reasons(Reason.NO_CALLING_LICENSE));
    }

    @Test
    @DisplayName("INV-LIC-10 canDialOut: a Domestic plan on Teams Phone, or on M365_E5, dials out on included minutes")
    void callingPlanOnTeamsPhoneOrE5CanDialOut() {
        given(located(), holding(TEAMS_PHONE, CALLING_PLAN_DOMESTIC));
        assertThat(decide().domestic()).isEqualTo(new Eligibility.Scope(true, List.of(FundedBy.INCLUDED_MINUTES), List.of()));
        given(holding(M365_E5, CALLING_PLAN_DOMESTIC));
        assertThat(decide().domestic().canDialOut()).isTrue();
    }

    @Test
    @DisplayName("INV-LIC-13 NO_COMMUNICATION_CREDITS_LICENSE: Pay-As-You-Go needs credits for every minute")
    void payAsYouGoWithoutCreditsLicense() {
        given(located(), holding(TEAMS_PHONE, CALLING_PLAN_PAYG), account(BillingAgreement.DIRECT), funded(5000));
        assertThat(decide().domestic().reasons()).isEqualTo(reasons(Reason.NO_COMMUNICATION_CREDITS_LICENSE));
    }

    @Test
    @DisplayName("INV-LIC-12 M365_E5 does not replace COMMUNICATION_CREDITS: NO_COMMUNICATION_CREDITS_LICENSE")
    void e5DoesNotReplaceCommunicationCredits() {
        given(located(), holding(M365_E5, CALLING_PLAN_PAYG), account(BillingAgreement.DIRECT), funded(5000));
        assertThat(decide().domestic().reasons()).isEqualTo(reasons(Reason.NO_COMMUNICATION_CREDITS_LICENSE));
        given(holding(M365_E5, CALLING_PLAN_PAYG, COMMUNICATION_CREDITS));
        assertThat(decide().domestic()).isEqualTo(new Eligibility.Scope(true, List.of(FundedBy.CREDITS), List.of()));
    }

    @Test
    @DisplayName("INV-LIC-12 ACCOUNT_NOT_FOUND: credits licensed but the tenant has no credit account")
    void accountNotFound() {
        given(located(), holding(TEAMS_PHONE, CALLING_PLAN_PAYG, COMMUNICATION_CREDITS));
        assertThat(decide().domestic().reasons()).isEqualTo(reasons(Reason.ACCOUNT_NOT_FOUND));
    }

    @Test
    @DisplayName("INV-LIC-12 INSUFFICIENT_CREDITS: the balance crossing zero flips eligibility, and funding flips it back")
    void insufficientCreditsWhenBalanceCrossesZero() {
        given(located(), holding(TEAMS_PHONE, CALLING_PLAN_PAYG, COMMUNICATION_CREDITS), account(BillingAgreement.DIRECT));
        assertThat(decide().domestic().reasons()).isEqualTo(reasons(Reason.INSUFFICIENT_CREDITS));
        given(funded(5000));
        assertThat(decide().domestic().fundedBy()).isEqualTo(List.of(FundedBy.CREDITS));
        given(consumed(5000, 0));
        assertThat(decide().domestic().reasons()).isEqualTo(reasons(Reason.INSUFFICIENT_CREDITS));
    }

    @Test
    @DisplayName("INV-LIC-12 holds count: an available balance of zero (all held) is INSUFFICIENT_CREDITS until released")
    void heldFundsAreNotAvailable() {
        given(located(), holding(TEAMS_PHONE, CALLING_PLAN_PAYG, COMMUNICATION_CREDITS), account(BillingAgreement.DIRECT),
                funded(5000),
                new FundsReserved(T, "r-1", Money.ofMinor(5000, "USD"), List.of(), Money.ofMinor(0, "USD"), NOW, NOW.plusSeconds(60)));
        assertThat(decide().domestic().reasons()).isEqualTo(reasons(Reason.INSUFFICIENT_CREDITS));
        given(new ReservationReleased(T, "r-1", Money.ofMinor(5000, "USD"), ReservationReleased.Reason.RELEASED,
                Money.ofMinor(5000, "USD"), NOW));
        assertThat(decide().domestic().canDialOut()).isTrue();
    }

    @Test
    @DisplayName("INV-LIC-12 an expired tranche takes the balance to zero: INSUFFICIENT_CREDITS")
    void expiryTakesTheBalanceAway() {
        given(located(), holding(TEAMS_PHONE, CALLING_PLAN_PAYG, COMMUNICATION_CREDITS), account(BillingAgreement.DIRECT),
                funded(5000), new TrancheExpired(T, "tr-1", Money.ofMinor(5000, "USD"), Money.ofMinor(0, "USD"), NOW));
        assertThat(decide().domestic().reasons()).isEqualTo(reasons(Reason.INSUFFICIENT_CREDITS));
    }

    @Test
    @DisplayName("INV-LIC-12 MCA: a drained balance is POSTPAID, not INSUFFICIENT_CREDITS")
    void mcaIsPostpaid() {
        given(located(), holding(TEAMS_PHONE, CALLING_PLAN_PAYG, COMMUNICATION_CREDITS), account(BillingAgreement.DIRECT));
        assertThat(decide().domestic().canDialOut()).isFalse();
        given(new BillingAgreementChanged(T, BillingAgreement.DIRECT, BillingAgreement.MCA, "billing_admin", NOW));
        assertThat(decide().domestic()).isEqualTo(new Eligibility.Scope(true, List.of(FundedBy.POSTPAID), List.of()));
    }

    @Test
    @DisplayName("INV-LIC-15 INCLUDED_MINUTES_EXHAUSTED: a used-up pool needs credits; with credits the user still dials out")
    void poolExhaustedNeedsCredits() {
        given(located(), holding(TEAMS_PHONE, CALLING_PLAN_DOMESTIC), account(BillingAgreement.DIRECT), funded(5000),
                poolExhausted(CALLING_PLAN_DOMESTIC));
        assertThat(decide().domestic().reasons())
                .isEqualTo(reasons(Reason.INCLUDED_MINUTES_EXHAUSTED, Reason.NO_COMMUNICATION_CREDITS_LICENSE));
        given(holding(TEAMS_PHONE, CALLING_PLAN_DOMESTIC, COMMUNICATION_CREDITS));
        assertThat(decide().domestic()).isEqualTo(new Eligibility.Scope(true, List.of(FundedBy.CREDITS), List.of()));
        given(new PoolMark(CALLING_PLAN_DOMESTIC.name(), MONTH, false));
        assertThat(decide().domestic().fundedBy()).isEqualTo(List.of(FundedBy.INCLUDED_MINUTES, FundedBy.CREDITS));
    }

    @Test
    @DisplayName("INV-LIC-15 pools are available by default, and a pool used up last month is available this month")
    void poolsAreAvailableByDefaultAndPerMonth() {
        given(located(), holding(TEAMS_PHONE, CALLING_PLAN_DOMESTIC), new PoolMark(CALLING_PLAN_DOMESTIC.name(), MONTH.minusMonths(1), true));
        assertThat(decide().domestic().fundedBy()).isEqualTo(List.of(FundedBy.INCLUDED_MINUTES));
    }

    // --- rating's pool events (issue 6) through PoolEligibility

    private static final String POOL_ID = "contoso/pools/DOMESTIC/US/2026-11";

    private static PoolMemberJoined joined(String user, long sizeAfter, long remainingAfter) {
        return new PoolMemberJoined(T, POOL_ID, PoolKind.DOMESTIC, US, MONTH.toString(), UserId.of(user), 3_000, 1,
                sizeAfter, remainingAfter, NOW);
    }

    private static PoolResized resized(long holders, long sizeBefore, long used) {
        return new PoolResized(T, POOL_ID, PoolKind.DOMESTIC, US, MONTH.toString(), holders, 3_000, sizeBefore,
                holders * 3_000, used, holders * 3_000 - used, List.of(80, 100), NOW);
    }

    private static MinutesConsumed consumedFromPool(long minutes, long usedAfter, long size) {
        return new MinutesConsumed(T, POOL_ID, PoolKind.DOMESTIC, US, MONTH.toString(), CallId.of("c-" + usedAfter),
                U, minutes, usedAfter, size, size - usedAfter, NOW);
    }

    private static PoolThresholdReached threshold(int percent, long used, long size) {
        return new PoolThresholdReached(T, POOL_ID, PoolKind.DOMESTIC, US, MONTH.toString(), percent, used, size, NOW);
    }

    @Test
    @DisplayName("INV-LIC-15 a pool running out flips eligibility to credits; a member joining gives minutes back; the next month starts available")
    void poolEventsFlipEligibility() {
        given(located(), holding(TEAMS_PHONE, CALLING_PLAN_DOMESTIC, COMMUNICATION_CREDITS), account(BillingAgreement.DIRECT),
                funded(5000), joined("alice", 3_000, 3_000), consumedFromPool(2_400, 2_400, 3_000), threshold(80, 2_400, 3_000));
        assertThat(decide().domestic().fundedBy()).as("80% is an alert, not exhaustion")
                .isEqualTo(List.of(FundedBy.INCLUDED_MINUTES, FundedBy.CREDITS));
        given(consumedFromPool(600, 3_000, 3_000), threshold(100, 3_000, 3_000));
        assertThat(decide().domestic().fundedBy()).isEqualTo(List.of(FundedBy.CREDITS));
        given(joined("bob", 6_000, 3_000));
        assertThat(decide().domestic().fundedBy()).isEqualTo(List.of(FundedBy.INCLUDED_MINUTES, FundedBy.CREDITS));
        given(consumedFromPool(3_000, 6_000, 6_000));
        assertThat(decide().domestic().fundedBy()).as("MinutesConsumed leaving nothing is enough")
                .isEqualTo(List.of(FundedBy.CREDITS));
        EligibilityReadModel nextMonth = new EligibilityReadModel(jdbc, pools,
                Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC));
        assertThat(nextMonth.user(T.value(), U.value()).eligibility().domestic().fundedBy())
                .isEqualTo(List.of(FundedBy.INCLUDED_MINUTES, FundedBy.CREDITS));
    }

    @Test
    @DisplayName("INV-LIC-15 INV-POOL-01 an exhausted pool resized for new holders is available again; replay gives the same rows")
    void poolResizeGivesMinutesBack() {
        given(located(), holding(TEAMS_PHONE, CALLING_PLAN_DOMESTIC, COMMUNICATION_CREDITS), account(BillingAgreement.DIRECT),
                funded(5000), resized(1, 0, 0), consumedFromPool(3_000, 3_000, 3_000), threshold(100, 3_000, 3_000));
        assertThat(decide().domestic().fundedBy()).isEqualTo(List.of(FundedBy.CREDITS));
        given(resized(2, 3_000, 3_000));
        assertThat(decide().domestic().fundedBy()).isEqualTo(List.of(FundedBy.INCLUDED_MINUTES, FundedBy.CREDITS));
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM rm_elig_pool ORDER BY pool, country, usage_month");
        projection.reset();
        for (int i = 0; i < history.size(); i++) {
            feed(history.get(i), i + 1);
        }
        assertThat(jdbc.queryForList("SELECT * FROM rm_elig_pool ORDER BY pool, country, usage_month")).isEqualTo(rows);
    }

    @Test
    @DisplayName("INV-POOL-06 this month is the tenant's: at 2026-12-01T05:00Z a Los Angeles tenant is still in November")
    void poolMonthFollowsTheTenantsTimeZone() {
        given(located(), holding(TEAMS_PHONE, CALLING_PLAN_DOMESTIC, COMMUNICATION_CREDITS), account(BillingAgreement.DIRECT),
                funded(5000), resized(1, 0, 0), consumedFromPool(3_000, 3_000, 3_000));
        EligibilityReadModel earlyDecember = new EligibilityReadModel(jdbc, pools,
                Clock.fixed(Instant.parse("2026-12-01T05:00:00Z"), ZoneOffset.UTC));
        assertThat(earlyDecember.user(T.value(), U.value()).eligibility().domestic().fundedBy())
                .as("on UTC, December has begun: a full pool").isEqualTo(List.of(FundedBy.INCLUDED_MINUTES, FundedBy.CREDITS));
        given(new PoolTimeZoneSet(T, "America/Los_Angeles", "UTC", "admin", NOW));
        assertThat(earlyDecember.user(T.value(), U.value()).eligibility().domestic().fundedBy())
                .as("21:00 on 30 November in Los Angeles: November's pool is used up").isEqualTo(List.of(FundedBy.CREDITS));
        poolEvents.reset();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rm_elig_pool_zone", Long.class)).isZero();
    }

    @Test
    @DisplayName("INV-LIC-15 INV-POOL-02 the US pool runs out for a PR user too; the 100% alert alone marks it; replay gives the same rows")
    void poolThresholdMarksUsAndPr() {
        UserId pr = UserId.of("pablo");
        given(new UsageLocationSet(T, pr, CountryCode.of("PR"), null, "admin", NOW),
                new LicenseAssigned(T, pr, CALLING_PLAN_DOMESTIC, CountryCode.of("PR"), Set.of(TEAMS_PHONE, CALLING_PLAN_DOMESTIC), 1, "admin", NOW),
                account(BillingAgreement.DIRECT), threshold(100, 3_000, 3_000));
        assertThat(readModel.user(T.value(), "pablo").eligibility().domestic().reasons())
                .isEqualTo(reasons(Reason.INCLUDED_MINUTES_EXHAUSTED, Reason.NO_COMMUNICATION_CREDITS_LICENSE));
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM rm_elig_pool ORDER BY pool, country, usage_month");
        assertThat(rows).hasSize(2);
        projection.reset();
        for (int i = 0; i < history.size(); i++) {
            feed(history.get(i), i + 1);
        }
        assertThat(jdbc.queryForList("SELECT * FROM rm_elig_pool ORDER BY pool, country, usage_month")).isEqualTo(rows);
    }

    @Test
    @DisplayName("INV-LIC-14 international on a Domestic plan is paid from credits; the International plan includes it")
    void internationalOnDomesticPlanNeedsCredits() {
        given(located(), holding(TEAMS_PHONE, CALLING_PLAN_DOMESTIC), account(BillingAgreement.DIRECT), funded(5000));
        assertThat(decide().international().reasons()).isEqualTo(reasons(Reason.NO_COMMUNICATION_CREDITS_LICENSE));
        given(holding(TEAMS_PHONE, CALLING_PLAN_DOMESTIC, COMMUNICATION_CREDITS));
        assertThat(decide().international().fundedBy()).isEqualTo(List.of(FundedBy.CREDITS));
        given(holding(TEAMS_PHONE, CALLING_PLAN_INTERNATIONAL));
        assertThat(decide().international().fundedBy()).isEqualTo(List.of(FundedBy.INCLUDED_MINUTES));
        given(new PoolMark(EligibilityRules.INTERNATIONAL_MINUTES_POOL, MONTH, true));
        assertThat(decide().domestic().fundedBy()).as("the plan's domestic minutes are a pool of their own")
                .isEqualTo(List.of(FundedBy.INCLUDED_MINUTES));
        assertThat(decide().international().reasons())
                .isEqualTo(reasons(Reason.INCLUDED_MINUTES_EXHAUSTED, Reason.NO_COMMUNICATION_CREDITS_LICENSE));
    }

    @Test
    @DisplayName("INV-LIC-11 NO_AUDIO_CONFERENCING_LICENSE: conference dial-out needs Audio Conferencing or M365_E5")
    void conferenceDialOutNeedsAudioConferencing() {
        given(located(), holding(TEAMS_PHONE, CALLING_PLAN_DOMESTIC));
        assertThat(decide().conferenceDialOut().reasons()).isEqualTo(reasons(Reason.NO_AUDIO_CONFERENCING_LICENSE));
        given(holding(AUDIO_CONFERENCING));
        assertThat(decide().conferenceDialOut().fundedBy()).isEqualTo(List.of(FundedBy.INCLUDED_MINUTES));
        given(holding(M365_E5));
        assertThat(decide().conferenceDialOut().canDialOut()).isTrue();
        assertThat(decide().domestic().canDialOut()).as("E5 alone has no calling plan").isFalse();
    }

    @Test
    @DisplayName("INV-LIC-10 removing a license flips eligibility back")
    void removalFlipsEligibility() {
        given(located(), holding(TEAMS_PHONE, CALLING_PLAN_DOMESTIC));
        assertThat(decide().domestic().canDialOut()).isTrue();
        given(new LicenseRemoved(T, U, CALLING_PLAN_DOMESTIC, "left", Set.of(TEAMS_PHONE), 0, "admin", NOW));
        assertThat(decide().domestic().reasons()).isEqualTo(reasons(Reason.NO_CALLING_LICENSE));
    }

    @Test
    @DisplayName("INV-LIC-18 replay: reset and feeding the same events again, twice over, gives identical rows")
    void replayRebuildsIdentically() {
        given(located(), holding(TEAMS_PHONE, CALLING_PLAN_DOMESTIC, COMMUNICATION_CREDITS), account(BillingAgreement.DIRECT),
                funded(5000), consumed(1000, 4000),
                new LicensesBulkAssigned(T, CALLING_PLAN_PAYG, "b1", List.of(
                        new LicensesBulkAssigned.Assignee(UserId.of("bob"), US, Set.of(CALLING_PLAN_PAYG))), 1, "admin", NOW),
                new CommunicationCreditsEnabled(T, NOW, "tr-1"), poolExhausted(CALLING_PLAN_DOMESTIC),
                new UsageLocationsSet(T, CountryCode.of("GB"), List.of(new UsageLocationsSet.Change(UserId.of("bob"), US),
                        new UsageLocationsSet.Change(UserId.of("carol"), null)), "admin", NOW));
        List<Map<String, Object>> live = snapshot();
        projection.reset();
        assertThat(snapshot()).isEmpty();
        for (int i = 0; i < history.size(); i++) {
            feed(history.get(i), i + 1);
        }
        for (int i = 0; i < history.size(); i++) { // redelivery of the whole history changes nothing
            feed(history.get(i), i + 1);
        }
        assertThat(snapshot()).isEqualTo(live);
    }

    private List<Map<String, Object>> snapshot() {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.addAll(jdbc.queryForList("SELECT * FROM rm_elig_user ORDER BY tenant_id, user_id"));
        rows.addAll(jdbc.queryForList("SELECT * FROM rm_elig_tenant ORDER BY tenant_id"));
        rows.addAll(jdbc.queryForList("SELECT * FROM rm_elig_pool ORDER BY tenant_id, pool, country, usage_month"));
        return rows;
    }

    @Test
    @DisplayName("INV-LIC-18 the writes of a batch, merged per tenant before commit, give the rows of one event at a time, for every batch size")
    void batchedWritesEqualOneEventAtATime() {
        given(located(), holding(TEAMS_PHONE, CALLING_PLAN_PAYG, COMMUNICATION_CREDITS), account(BillingAgreement.DIRECT),
                funded(5000), reserved("r1", 2000, 3000), reserved("r2", 1000, 2000), released("r1", 4000),
                consumed(1500, 3500), new CommunicationCreditsEnabled(T, NOW, "tr-1"), released("r2", 3500),
                reserved("r3", 500, 3000), new BillingAgreementChanged(T, BillingAgreement.DIRECT, BillingAgreement.MCA, "admin", NOW),
                consumed(500, 3000), reserved("r4", 1000, 1500), released("r3", 2000));
        List<Map<String, Object>> oneAtATime = snapshot();
        assertThat(jdbc.queryForMap("SELECT balance_minor, held_minor FROM rm_elig_tenant WHERE tenant_id = ?", T.value()))
                .containsEntry("balance_minor", 3000L).containsEntry("held_minor", 1000L);
        for (int size = 2; size <= history.size(); size++) {
            projection.reset();
            poolEvents.reset();
            for (int from = 0; from < history.size(); from += size) {
                int first = from;
                int end = Math.min(history.size(), from + size);
                inOneBatch(() -> {
                    for (int i = first; i < end; i++) {
                        feed(history.get(i), i + 1);
                    }
                });
            }
            assertThat(snapshot()).as("batches of " + size).isEqualTo(oneAtATime);
        }
    }

    private static FundsReserved reserved(String reservation, long amount, long availableAfter) {
        return new FundsReserved(T, reservation, Money.ofMinor(amount, "USD"), List.of(), Money.ofMinor(availableAfter, "USD"),
                NOW, NOW.plusSeconds(600));
    }

    private static ReservationReleased released(String reservation, long availableAfter) {
        return new ReservationReleased(T, reservation, Money.ofMinor(0, "USD"), ReservationReleased.Reason.SETTLED,
                Money.ofMinor(availableAfter, "USD"), NOW);
    }

    /** As a processor runs a batch: the handlers in one unit of work, the deferred writes at its commit. */
    private static void inOneBatch(Runnable handlers) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        try {
            handlers.run();
        } catch (RuntimeException failure) {
            unitOfWork.rollback(failure);
            throw failure;
        }
        unitOfWork.commit();
    }
}
