package org.commcredits.ledger.platform.web;

import java.util.regex.Pattern;

/**
 * THE CSV cell rules for every CSV the ledger serves (INV-IN-06): RFC 4180 quoting, and OWASP's CSV injection
 * defence: a cell that begins with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return is
 * prefixed with a single quote, so that a spreadsheet shows it as text instead of evaluating it. Two kinds of
 * cell are left as they are because no spreadsheet reads them as a formula and readers need them exact: a valid
 * E.164 number ({@code +442071234567}) and a plain decimal number ({@code -1.50}).
 */
public final class CsvCells {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private CsvCells() {
    }

    /** The cell neutralised against formula injection (not quoted); null is empty. */
    public static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        if (FORMULA_STARTS.indexOf(value.charAt(0)) < 0 || E164.matcher(value).matches()
                || DECIMAL.matcher(value).matches()) {
            return value;
        }
        return "'" + value;
    }

    /** The cell neutralised and quoted when it needs to be (a comma, a quote, a line break). */
    public static String field(String value) {
        String safe = safe(value);
        boolean needs = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0
                || safe.indexOf('\r') >= 0;
        return needs ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    /** The cell neutralised and always quoted (for readers that expect every text field quoted). */
    public static String quoted(String value) {
        return value == null ? "" : "\"" + safe(value).replace("\"", "\"\"") + "\"";
    }
}
