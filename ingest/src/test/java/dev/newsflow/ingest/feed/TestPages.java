package dev.newsflow.ingest.feed;

/** Article pages for page-fetching tests: a site header, a menu, the story, a footer. */
public final class TestPages {
    private TestPages() {}

    /** An article page with headline {@code title} and {@code paragraphs} paragraphs of text. */
    public static String article(String title, int paragraphs) {
        StringBuilder body = new StringBuilder();
        for (int i = 1; i <= paragraphs; i++) {
            body.append("<p>Paragraph ")
                    .append(i)
                    .append(" of \"")
                    .append(title)
                    .append("\": the council met on Tuesday evening and heard from residents,")
                    .append(" engineers and the mayor's office about the plan, which would")
                    .append(" change how the city pays for roads, schools and water.</p>\n");
        }
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <title>%1$s | Daily Herald</title>
        <meta property="og:title" content="%1$s">
        <meta property="og:site_name" content="Daily Herald">
        <meta property="article:published_time" content="2026-11-28T09:30:00Z">
        <meta name="author" content="Jane Reporter">
        </head><body>
        <header class="site-header"><a href="/">Daily Herald</a>
        <nav><a href="/world/">World</a> <a href="/business/">Business</a></nav></header>
        <main><article>
        <h1>%1$s</h1>
        <p class="byline">By Jane Reporter</p>
        %2$s
        </article>
        <aside class="related"><h2>Related</h2><ul>
        <li><a href="/2026/11/27/other-story-about-roads/">Another story about roads</a></li>
        </ul></aside></main>
        <footer><a href="/about/">About us</a> <a href="/privacy/">Privacy</a></footer>
        </body></html>
        """
                .formatted(title, body);
    }
}
