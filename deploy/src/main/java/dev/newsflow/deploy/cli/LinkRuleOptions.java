package dev.newsflow.deploy.cli;

import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.feed.LinkRules;
import dev.newsflow.ingest.listing.ArticleLinkFinder;
import java.io.PrintWriter;
import java.util.List;
import org.jspecify.annotations.Nullable;
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

    /**
     * The rules given for a source of {@code type}, or null after printing to {@code err} why they
     * cannot be used (set for a type other than {@code html}, a bad selector or pattern).
     */
    @Nullable LinkRules checked(String type, PrintWriter err) {
        LinkRules links = rules();
        if (!links.isAutomatic() && !FeedDefinition.TYPE_HTML.equals(type)) {
            err.println("--links-* options apply to --type html only");
            return null;
        }
        List<String> problems = ArticleLinkFinder.problems(links);
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("--links-" + p));
            return null;
        }
        return links;
    }

    /** The rules given, {@link LinkRules#isAutomatic()} when none. */
    LinkRules rules() {
        return new LinkRules(
                selector, titleSelector, dateSelector, teaserSelector, include, exclude);
    }
}
