package org.commcredits.ledger.platform.storage;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code long} parameter of an event handler that receives the event's own global index (its
 * {@code global_index} in {@code domain_event_entry}), see {@link EventPositions}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface GlobalIndex {
}
