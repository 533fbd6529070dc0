package org.commcredits.ledger.platformtest;

/** A test event; its name identifies it in assertions. */
public record Probed(String name) {
}
