package dev.newsflow.deploy.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.newsflow.core.log.Redactor;

/** The {@code %msg} of text logs with credentials in URLs redacted, whoever logged them. */
public final class RedactingMessageConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Redactor.redact(super.convert(event));
    }
}
