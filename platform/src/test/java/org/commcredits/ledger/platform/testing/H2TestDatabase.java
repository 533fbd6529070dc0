package org.commcredits.ledger.platform.testing;

import java.util.UUID;

/** An in-memory H2 database in the same PostgreSQL mode as the standalone default, one per test context. */
public final class H2TestDatabase {

    private H2TestDatabase() {
    }

    public static String memoryUrl(String prefix) {
        return "jdbc:h2:mem:" + prefix + "_" + UUID.randomUUID().toString().substring(0, 8)
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    }

    public static String fileUrl(java.nio.file.Path directory) {
        return "jdbc:h2:file:" + directory.resolve("ledger").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE";
    }
}
