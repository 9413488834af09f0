package dev.newsflow.deploy.cli;

import dev.newsflow.core.feed.LinkRules;
import picocli.CommandLine.Option;

/**
 * The {@code --links-*} options of an {@code html} source, shared by {@code feeds add} and {@code
 * feeds preview}.
 */
final class LinkRuleOptions {
    @Option(
            names = "--links-selector",
            description =
                    "html sources: CSS selector of the article links (default: found"
                            + " automatically).")
    String selector;

    @Option(
            names = "--links-title-selector",
            description = "html sources: CSS selector of a link's title inside its card.")
    String titleSelector;

    @Option(
            names = "--links-date-selector",
            description = "html sources: CSS selector of a link's date inside its card.")
    String dateSelector;

    @Option(
            names = "--links-teaser-selector",
            description = "html sources: CSS selector of a link's teaser inside its card.")
    String teaserSelector;

    @Option(
            names = "--links-include",
            description = "html sources: a regular expression article URLs must match.")
    String include;

    @Option(
            names = "--links-exclude",
            description = "html sources: a regular expression article URLs must not match.")
    String exclude;

    /** The rules given, {@link LinkRules#isAutomatic()} when none. */
    LinkRules rules() {
        return new LinkRules(
                selector, titleSelector, dateSelector, teaserSelector, include, exclude);
    }
}
