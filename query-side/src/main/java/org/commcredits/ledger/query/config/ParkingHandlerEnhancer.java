package org.commcredits.ledger.query.config;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.core.annotation.AnnotationUtils;

/**
 * Lets {@link RetryThenPark} park an event that keeps failing: its handlers are not run again (on
 * PostgreSQL their failing statement would abort the batch's transaction, and the event could not be parked
 * in it); a {@link RetryThenPark.ParkedEventException} is thrown instead, which the dead-lettering invoker
 * hands to the policy. Applies to the event handlers of the query side's projections only.
 */
final class ParkingHandlerEnhancer implements HandlerEnhancerDefinition {

    private final ProjectionFailures memory;

    ParkingHandlerEnhancer(ProjectionFailures memory) {
        this.memory = memory;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        Class<?> declaring = original.declaringClass();
        ProcessingGroup group = AnnotationUtils.findAnnotation(declaring, ProcessingGroup.class);
        if (group == null || !original.canHandleMessageType(EventMessage.class)
                || !declaring.getPackageName().startsWith("org.commcredits.ledger.query")) {
            return original;
        }
        String projection = group.value();
        return new WrappedMessageHandlingMember<T>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                String failure = memory.poisonedBy(projection, message.getIdentifier());
                if (failure != null) {
                    throw new RetryThenPark.ParkedEventException(failure);
                }
                return super.handle(message, target);
            }
        };
    }
}
