package dev.newsflow.ingest.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.core.feed.LinkRules;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule-based sources: a CSS selector for the links, title/date/teaser selectors, URL patterns. */
class ArticleLinkFinderRulesTest {
    @Test
    void shouldTakeExactlyTheSelectorMatchesWithTheirTitleDateAndTeaser() {
        ListingPages.Page page = ListingPages.load("en-bignav");
        LinkRules rules =
                new LinkRules(
                        "div.section-grid .package h3 a", null, "time", ".summary", null, null);

        List<ScoredLink> links = ArticleLinkFinder.find(page.document(), page.base(), rules);

        assertThat(links).hasSize(11);
        assertThat(links).allSatisfy(l -> assertThat(l.reason()).isEqualTo("rule:selector"));
        ScoredLink first = links.get(0);
        assertThat(first.url())
                .isEqualTo("https://www.valleytimes.example/news/local/article293847561.html");
        assertThat(first.title())
                .isEqualTo("Valley water district approves rate hike after heated meeting");
        assertThat(first.teaser())
                .isEqualTo("Customers will pay about $9 more a month starting in February.");
        assertThat(first.publishedAt()).hasToString("2026-11-28T16:15:00Z");
        // links outside the selector (trending list, mega-menu feature) are not taken
        assertThat(links)
                .extracting(ScoredLink::url)
                .doesNotContain(
                        "https://www.valleytimes.example/news/local/crime/article293801234.html",
                        "https://www.valleytimes.example/news/local/article293700145.html");
    }

    @Test
    void shouldApplyIncludeAndExcludePatterns() {
        ListingPages.Page page = ListingPages.load("en-home");
        LinkRules sportOnly =
                new LinkRules(null, null, null, null, "/(sport|football)/", "/video/");

        List<ScoredLink> links = ArticleLinkFinder.find(page.document(), page.base(), sportOnly);
        List<ScoredLink> all =
                ArticleLinkFinder.candidates(page.document(), page.base(), sportOnly);

        assertThat(links)
                .extracting(ScoredLink::url)
                .containsExactly(
                        "https://www.dailyherald.example/football/2026/nov/28/arsenal-beat-chelsea-to-go-top",
                        "https://www.dailyherald.example/sport/2026/nov/28/england-name-squad-for-six-nations",
                        "https://www.dailyherald.example/sport/2026/nov/27/tour-de-france-route-2027-unveiled");
        assertThat(all)
                .filteredOn(l -> l.url().contains("/sport/video/"))
                .singleElement()
                .satisfies(l -> assertThat(l.reason()).isEqualTo("rule:exclude"));
        assertThat(all)
                .filteredOn(l -> l.url().contains("/world/2026/nov/28/eu-leaders"))
                .singleElement()
                .satisfies(l -> assertThat(l.reason()).isEqualTo("rule:include"));
    }

    @Test
    void shouldUseTheCardHeadingWhenTheSelectedElementHoldsTheLink() {
        ListingPages.Page page = ListingPages.load("en-cards");
        LinkRules rules =
                new LinkRules(
                        "div.card-grid > .card",
                        ".card__title",
                        null,
                        ".card__dek",
                        "/posts/",
                        null);

        List<ScoredLink> links = ArticleLinkFinder.find(page.document(), page.base(), rules);

        assertThat(links).hasSize(10); // the sponsored and podcast cards fail the include pattern
        assertThat(links.get(0).title())
                .isEqualTo("Why open-source models are catching up with the frontier labs");
        assertThat(links.get(0).teaser()).startsWith("Cheaper training runs");
        assertThat(links)
                .filteredOn(l -> l.url().endsWith("/europe-chips-act-first-fab-opens"))
                .singleElement()
                .satisfies(
                        l ->
                                assertThat(l.title())
                                        .isEqualTo(
                                                "Europe's first Chips Act fab opens in Dresden"));
    }

    @Test
    void shouldNameBadSelectorsAndPatterns() {
        LinkRules bad = new LinkRules("div[[", null, null, ".x >>> p", "(", null);

        assertThat(ArticleLinkFinder.problems(bad))
                .hasSize(3)
                .anyMatch(p -> p.startsWith("include pattern"))
                .anyMatch(p -> p.startsWith("selector 'div[['"))
                .anyMatch(p -> p.startsWith("teaser.selector"));
        ListingPages.Page page = ListingPages.load("en-cards");
        assertThatThrownBy(
                        () ->
                                ArticleLinkFinder.find(
                                        page.document(),
                                        page.base(),
                                        new LinkRules("div[[", null, null, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("links.selector");
    }
}
