package org.commcredits.ledger.query.verify;

/**
 * One disagreement between the replayed model and a read-model row: which row (its key), which field, and
 * both values ({@code null} expected = a row that should not exist; {@code null} actual = a missing row).
 */
public record Difference(String readModel, String row, String field, String expected, String actual) {

    public static Difference missingRow(String readModel, String row) {
        return new Difference(readModel, row, "row", "present", null);
    }

    public static Difference unexpectedRow(String readModel, String row) {
        return new Difference(readModel, row, "row", null, "present");
    }

    /** A difference when the two values differ, else null. */
    public static Difference compare(String readModel, String row, String field, Object expected, Object actual) {
        String e = expected == null ? null : expected.toString();
        String a = actual == null ? null : actual.toString();
        return java.util.Objects.equals(e, a) ? null : new Difference(readModel, row, field, e, a);
    }
}
