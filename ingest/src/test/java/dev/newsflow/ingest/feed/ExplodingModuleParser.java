package dev.newsflow.ingest.feed;

import com.rometools.rome.feed.module.Module;
import com.rometools.rome.io.ModuleParser;
import java.util.Locale;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jspecify.annotations.Nullable;

/**
 * A Rome module parser registered by the test {@code rome.properties}: it throws for an item
 * holding {@code <x:explode/>} in its namespace, the way Rome's own parsers throw on input they do
 * not expect, and reads nothing otherwise.
 */
public final class ExplodingModuleParser implements ModuleParser {
    static final String NAMESPACE = "urn:newsflow:test:explode";

    @Override
    public String getNamespaceUri() {
        return NAMESPACE;
    }

    @Override
    public @Nullable Module parse(Element element, Locale locale) {
        if (element.getChild("explode", Namespace.getNamespace(NAMESPACE)) != null) {
            throw new IllegalStateException("exploding item for the test");
        }
        return null;
    }
}
