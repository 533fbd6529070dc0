package org.commcredits.ledger.console.licenses;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an uploaded bulk file: one user per line, {@code userId} or {@code userId,country} (ISO 3166-1
 * alpha-2, the usage location to set first); an optional header line naming {@code userId} is skipped,
 * blank lines too, and a user named twice is taken once. Bad lines are reported by number, and then
 * nothing is sent.
 */
final class BulkFile {

    static final int MAX_USERS = 10_000;
    private static final String ID = "[A-Za-z0-9][A-Za-z0-9._@-]{0,127}";

    record Parsed(List<BulkAssignments.Row> rows, List<String> problems) {
    }

    private BulkFile() {
    }

    static Parsed read(String text) {
        List<BulkAssignments.Row> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        String[] lines = text.replace("\r", "").split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || (i == 0 && line.toLowerCase(Locale.ROOT).startsWith("userid"))) {
                continue;
            }
            String[] fields = line.split(",", -1);
            String user = fields[0].strip();
            String country = fields.length > 1 && !fields[1].isBlank() ? fields[1].strip().toUpperCase(Locale.ROOT) : null;
            if (!user.matches(ID) || fields.length > 2 || (country != null && !country.matches("[A-Z]{2}"))) {
                if (problems.size() < 20) {
                    problems.add("line " + (i + 1) + ": expected userId[,country]");
                }
                continue;
            }
            if (seen.add(user)) {
                rows.add(new BulkAssignments.Row(user, country));
            }
        }
        if (rows.size() > MAX_USERS) {
            problems.add("at most " + MAX_USERS + " users per file, this one has " + rows.size());
        }
        if (rows.isEmpty() && problems.isEmpty()) {
            problems.add("the file names no user");
        }
        return new Parsed(rows, problems);
    }
}
