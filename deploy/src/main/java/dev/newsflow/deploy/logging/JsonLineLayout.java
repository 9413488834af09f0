package dev.newsflow.deploy.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import dev.newsflow.core.json.Json;
import dev.newsflow.core.log.Redactor;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object a line: {@code ts}, {@code level}, {@code logger}, {@code thread}, {@code msg},
 * and {@code error} with the stack trace when there is one. Secrets in URLs are redacted.
 */
public final class JsonLineLayout extends LayoutBase<ILoggingEvent> {
    @Override
    public String doLayout(ILoggingEvent event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("ts", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        line.put("level", event.getLevel().toString());
        line.put("logger", event.getLoggerName());
        line.put("thread", event.getThreadName());
        line.put("msg", Redactor.redact(event.getFormattedMessage()));
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            line.put("error", Redactor.redact(ThrowableProxyUtil.asString(error)));
        }
        return Json.toString(line) + CoreConstants.LINE_SEPARATOR;
    }
}
