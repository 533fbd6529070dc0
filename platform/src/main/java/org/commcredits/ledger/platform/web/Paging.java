package org.commcredits.ledger.platform.web;

import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;

import java.util.List;
import java.util.function.Function;

/**
 * The contract's list convention: {@code {"items": [...], "next": "<cursor or null>"}}, paged with
 * {@code ?after=<cursor>&limit=N} (limit 1..1000, default 100). Cursors here are positions (a sequence or
 * a number) written as decimal strings; a malformed one is {@code 400 INVALID_PAGING}.
 */
public final class Paging {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private Paging() {
    }

    /** One page of a list answer. */
    public record Page<T>(List<T> items, String next) {
    }

    public static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new LedgerException(ErrorCode.INVALID_PAGING, "limit must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    /** A numeric cursor: the last position of the previous page, or -1 for the first page. */
    public static long after(String after) {
        if (after == null || after.isEmpty()) {
            return -1;
        }
        try {
            long position = Long.parseLong(after);
            if (position < 0) {
                throw new NumberFormatException();
            }
            return position;
        } catch (NumberFormatException e) {
            throw new LedgerException(ErrorCode.INVALID_PAGING, "after must be a cursor from a previous page");
        }
    }

    /**
     * Builds a page from up to {@code limit + 1} rows fetched in order: the extra row only tells that a next
     * page exists, and the cursor is the position of the last item returned.
     */
    public static <T> Page<T> of(List<T> rows, int limit, Function<T, Long> position) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(List.copyOf(items), Long.toString(position.apply(items.get(limit - 1))));
    }
}
