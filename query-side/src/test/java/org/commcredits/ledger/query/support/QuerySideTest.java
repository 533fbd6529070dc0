package org.commcredits.ledger.query.support;

import org.commcredits.ledger.apps.QuerySideApplication;
import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The query side alone on one in-memory H2 database, one Spring context shared by every test class of this
 * module (same properties, so Spring caches it). Tests write events straight into the event store
 * ({@link AccountEvents}) and use their own tenant ids, so they do not see each other's rows.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "LEDGER_DB_URL=jdbc:h2:mem:query_side_tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "LEDGER_DB_USER=sa",
                "LEDGER_SANDBOX=true",
                "ledger.verify.initial-delay=PT24H",
                "logging.level.root=WARN",
                "logging.level.org.commcredits=INFO"})
public @interface QuerySideTest {
}
