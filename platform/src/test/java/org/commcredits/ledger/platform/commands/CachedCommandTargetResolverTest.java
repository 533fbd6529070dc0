package org.commcredits.ledger.platform.commands;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.IdentifierMissingException;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachedCommandTargetResolverTest {

    record ByMethod(String tenant) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return tenant + "/credit-account";
        }
    }

    static class ByField {
        @TargetAggregateIdentifier
        private final String id;
        @TargetAggregateVersion
        private final Long version;

        ByField(String id, Long version) {
            this.id = id;
            this.version = version;
        }
    }

    static class Inherited extends ByField {
        Inherited(String id) {
            super(id, 7L);
        }
    }

    record Unmarked(String id) {
    }

    @Test
    void resolvesEveryKindOfTargetAsAxonsOwnResolverDoes() {
        CachedCommandTargetResolver cached = new CachedCommandTargetResolver();
        AnnotationCommandTargetResolver axon = AnnotationCommandTargetResolver.builder().build();
        for (Object command : List.of(new ByMethod("contoso"), new ByField("a-1", null), new ByField("a-2", 3L),
                new Inherited("a-3"), new ByMethod("contoso"))) {
            var message = GenericCommandMessage.asCommandMessage(command);
            assertThat(cached.resolveTarget(message)).as(command.toString()).isEqualTo(axon.resolveTarget(message));
        }
        assertThat(cached.resolveTarget(GenericCommandMessage.asCommandMessage(new Inherited("a-3"))).getVersion()).isEqualTo(7L);
    }

    @Test
    void cannotResolveACommandWithoutTarget() {
        CachedCommandTargetResolver cached = new CachedCommandTargetResolver();
        assertThatThrownBy(() -> cached.resolveTarget(GenericCommandMessage.asCommandMessage(new Unmarked("x"))))
                .isInstanceOf(IdentifierMissingException.class);
        assertThatThrownBy(() -> cached.resolveTarget(GenericCommandMessage.asCommandMessage(new ByField(null, null))))
                .isInstanceOf(IdentifierMissingException.class);
    }
}
