package org.commcredits.ledger.platform.time;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;

/** The injected {@link Clock}: system time, moved by the test clock only when the sandbox is on. */
@Configuration
public class ClockConfiguration {

    @Bean
    @ConditionalOnProperty(name = "ledger.sandbox.enabled", havingValue = "true")
    public TestClockStore testClockStore(JdbcTemplate jdbc) {
        return new TestClockStore(jdbc, Clock.systemUTC(), Duration.ofSeconds(1));
    }

    @Bean
    public Clock clock(ObjectProvider<TestClockStore> testClock) {
        TestClockStore store = testClock.getIfAvailable();
        return new LedgerClock(Clock.systemUTC(), store == null ? () -> 0L : store);
    }
}
