package org.commcredits.ledger.query.config;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The query side: projections that copy events into read models, and the query paths over them. */
@Configuration
@ComponentScan("org.commcredits.ledger.query")
public class QuerySideConfiguration {
}
