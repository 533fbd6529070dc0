package org.commcredits.ledger.command.rating;

import org.commcredits.ledger.api.rating.Rate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every rate in force, one {@link PrefixTrie} per currency ("one price list per currency"). Immutable. */
public final class RatingTable {

    public static final RatingTable EMPTY = new RatingTable(Map.of());

    private final Map<String, PrefixTrie> byCurrency;

    private RatingTable(Map<String, PrefixTrie> byCurrency) {
        this.byCurrency = byCurrency;
    }

    /** INV-RATE-02: longest matching prefix in force at {@code at}, then latest effectiveFrom, then latest upload. */
    public Rate find(String currency, String digits, Instant at) {
        PrefixTrie trie = byCurrency.get(currency);
        return trie == null ? null : trie.find(digits, at.toEpochMilli());
    }

    public static RatingTable of(List<PrefixTrie.Entry> entries) {
        Map<String, List<PrefixTrie.Entry>> split = new HashMap<>();
        for (PrefixTrie.Entry entry : entries) {
            split.computeIfAbsent(entry.rate().currency(), c -> new ArrayList<>()).add(entry);
        }
        Map<String, PrefixTrie> tries = new HashMap<>();
        split.forEach((currency, list) -> tries.put(currency, PrefixTrie.build(list)));
        return new RatingTable(Map.copyOf(tries));
    }
}
