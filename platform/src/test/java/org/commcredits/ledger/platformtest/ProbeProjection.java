package org.commcredits.ledger.platformtest;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records, in order, the names of the {@link Probed} events a tracking processor handed it. */
@Component
@ProcessingGroup("probe")
public class ProbeProjection {

    private final List<String> seen = new CopyOnWriteArrayList<>();

    @EventHandler
    void on(Probed event) {
        seen.add(event.name());
    }

    public List<String> seen() {
        return seen;
    }
}
