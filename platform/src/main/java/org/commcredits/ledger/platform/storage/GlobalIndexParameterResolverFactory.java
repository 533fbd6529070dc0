package org.commcredits.ledger.platform.storage;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.axonframework.messaging.annotation.ParameterResolverFactory;

import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;

/**
 * Resolves {@link GlobalIndex} parameters of event handlers (registered for Axon through
 * {@code META-INF/services}). A handler whose event carries no index fails loudly instead of being skipped:
 * a read model that silently missed an event would disagree with the events.
 */
public final class GlobalIndexParameterResolverFactory implements ParameterResolverFactory {

    @Override
    public ParameterResolver<?> createInstance(Executable executable, Parameter[] parameters, int parameterIndex) {
        Parameter parameter = parameters[parameterIndex];
        if (!parameter.isAnnotationPresent(GlobalIndex.class)) {
            return null;
        }
        if (parameter.getType() != long.class && parameter.getType() != Long.class) {
            throw new IllegalArgumentException("@GlobalIndex must annotate a long parameter: " + executable);
        }
        return new ParameterResolver<Long>() {
            @Override
            public Long resolveParameterValue(Message<?> message) {
                return EventPositions.of((EventMessage<?>) message);
            }

            @Override
            public boolean matches(Message<?> message) {
                return message instanceof EventMessage;
            }
        };
    }
}
