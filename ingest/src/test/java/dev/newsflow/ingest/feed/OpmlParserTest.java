package dev.newsflow.ingest.feed;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.core.article.ArticleIds;
import dev.newsflow.core.feed.FeedDefinition;
import dev.newsflow.core.test.Fixtures;
import org.junit.jupiter.api.Test;

class OpmlParserTest {
    private final OpmlParser parser = new OpmlParser();

    @Test
    void shouldImportEveryFeedOutlineAndSayWhyTheOthersWereSkipped() throws Exception {
        OpmlParser.Result r =
                parser.parse(
                        Fixtures.bytes("opml/subscriptions.opml"), "https://lists.example/my.opml");

        assertThat(r.title()).isEqualTo("My subscriptions & more");
        assertThat(r.feeds())
                .extracting(FeedDefinition::url, FeedDefinition::name, FeedDefinition::language)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "https://world.example/rss.xml", "World", "en"),
                        org.assertj.core.groups.Tuple.tuple(
                                "https://zz.example/feed?format=rss&lang=de",
                                "Zürich Zeitung",
                                null),
                        org.assertj.core.groups.Tuple.tuple(
                                "https://deep.example/atom", "Deep feed", null),
                        org.assertj.core.groups.Tuple.tuple(
                                "https://lists.example/local/feed.xml", "Relative", null),
                        org.assertj.core.groups.Tuple.tuple(
                                "https://noname.example/feed", "No name feed", null));
        FeedDefinition world = r.feeds().get(0);
        assertThat(world.id()).isEqualTo(ArticleIds.feedId("https://world.example/rss.xml"));
        assertThat(world.origin()).isEqualTo(FeedDefinition.ORIGIN_CLI);
        assertThat(world.type()).isEqualTo(FeedDefinition.TYPE_FEED);
        assertThat(world.pollIntervalMs()).isZero();
        assertThat(r.skipped())
                .containsExactly(
                        "'World again': duplicate of https://world.example/rss.xml",
                        "'Just a page': a link, not a feed (no xmlUrl)",
                        "'Other list': an OPML include, not followed",
                        "'Mail feed': xmlUrl is not an http(s) URL: mailto:feeds@example.com");
    }

    @Test
    void shouldRefuseADocumentThatIsNotOpml() {
        byte[] rss = "<rss version=\"2.0\"><channel/></rss>".getBytes(UTF_8);

        assertThatThrownBy(() -> parser.parse(rss, "file:/x.opml"))
                .isInstanceOf(FeedParseException.class)
                .hasMessage("not an OPML document: the root element is <rss>");
    }

    @Test
    void shouldReadSloppyOpml() throws Exception {
        byte[] sloppy =
                ("<opml><body><outline text=\"A & B\" xmlUrl=\"https://ab.example/f?x=1&y=2\">"
                                + "<outline text=\"C\" xmlUrl=https://c.example/f></body>")
                        .getBytes(UTF_8);

        OpmlParser.Result r = parser.parse(sloppy, "file:/x.opml");

        assertThat(r.feeds())
                .extracting(FeedDefinition::url, FeedDefinition::name)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "https://ab.example/f?x=1&y=2", "A & B"),
                        org.assertj.core.groups.Tuple.tuple("https://c.example/f", "C"));
    }
}
