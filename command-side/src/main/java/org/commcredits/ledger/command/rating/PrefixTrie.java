package org.commcredits.ledger.command.rating;

import org.commcredits.ledger.api.rating.Rate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Longest-prefix lookup over E.164 digits for one currency (INV-RATE-02). A digit trie in flat arrays:
 * {@code children[node * 10 + digit]} is the child node (0 = none; the root is node 0, so no child is 0).
 * A node's rates are sorted by effectiveFrom, latest first, then by upload, latest first; a lookup walks the
 * number's digits once and then takes, from the deepest matching node down, the first rate already in force.
 * Immutable once built: readers need no locks.
 */
public final class PrefixTrie {

    private static final int MAX_DIGITS = 15;

    private final int[] children;
    private final Rate[][] rates;
    private final long[][] effectiveMillis;

    private PrefixTrie(int[] children, Rate[][] rates, long[][] effectiveMillis) {
        this.children = children;
        this.rates = rates;
        this.effectiveMillis = effectiveMillis;
    }

    /** The rate for {@code digits} in force at {@code atMillis}, or null when no prefix matches then. */
    public Rate find(String digits, long atMillis) {
        int[] path = new int[MAX_DIGITS];
        int depth = 0;
        int node = 0;
        int length = Math.min(digits.length(), MAX_DIGITS);
        for (int i = 0; i < length; i++) {
            int digit = digits.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return null;
            }
            node = children[node * 10 + digit];
            if (node == 0) {
                break;
            }
            if (rates[node] != null) {
                path[depth++] = node;
            }
        }
        for (int d = depth - 1; d >= 0; d--) {
            long[] from = effectiveMillis[path[d]];
            for (int i = 0; i < from.length; i++) {
                if (from[i] <= atMillis) {
                    return rates[path[d]][i];
                }
            }
        }
        return null;
    }

    /** Rates with their upload order (higher = later upload), as the tie-break needs it. */
    public record Entry(Rate rate, long uploadOrder) {
    }

    public static PrefixTrie build(List<Entry> entries) {
        int capacity = 1;
        for (Entry entry : entries) {
            capacity += entry.rate().prefix().length();
        }
        int[] children = new int[capacity * 10];
        List<List<Entry>> perNode = new ArrayList<>(capacity);
        perNode.add(null);
        int nodes = 1;
        for (Entry entry : entries) {
            int node = 0;
            String prefix = entry.rate().prefix();
            for (int i = 0; i < prefix.length(); i++) {
                int slot = node * 10 + (prefix.charAt(i) - '0');
                if (children[slot] == 0) {
                    children[slot] = nodes++;
                    perNode.add(null);
                }
                node = children[slot];
            }
            if (perNode.get(node) == null) {
                perNode.set(node, new ArrayList<>(2));
            }
            perNode.get(node).add(entry);
        }
        Rate[][] rates = new Rate[nodes][];
        long[][] effective = new long[nodes][];
        Comparator<Entry> latestFirst = Comparator.<Entry, Long>comparing(e -> e.rate().effectiveFrom().toEpochMilli())
                .thenComparingLong(Entry::uploadOrder).reversed();
        for (int node = 0; node < nodes; node++) {
            List<Entry> list = perNode.get(node);
            if (list != null) {
                list.sort(latestFirst);
                rates[node] = list.stream().map(Entry::rate).toArray(Rate[]::new);
                effective[node] = list.stream().mapToLong(e -> e.rate().effectiveFrom().toEpochMilli()).toArray();
            }
        }
        return new PrefixTrie(Arrays.copyOf(children, nodes * 10), rates, effective);
    }
}
