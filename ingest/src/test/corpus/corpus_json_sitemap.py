"""JSON Feed 1.0/1.1, sitemaps (plain, news, image, index, gzipped), not-a-feed errors, XXE."""
import json

from corpus_base import XML, case, gz, item, rss

G = "json"


def jf(obj):
    return json.dumps(obj, ensure_ascii=False, indent=1)


case(G, "json10-basic", jf({
    "version": "https://jsonfeed.org/version/1",
    "title": "JSON One",
    "home_page_url": "https://json.example/",
    "feed_url": "https://json.example/feed.json",
    "author": {"name": "Feed Person"},
    "items": [{
        "id": "2",
        "url": "https://json.example/2",
        "title": "Second post",
        "content_html": "<p>Hello, <b>world</b>!</p>",
        "date_published": "2024-05-06T07:08:09-05:00",
        "date_modified": "2024-05-07T00:00:00Z",
        "author": {"name": "Item Person"},
        "tags": ["news", "json", "news"],
    }, {
        "id": "1",
        "url": "https://json.example/1",
        "content_text": "No title here.",
        "date_published": "2024-05-01T00:00:00Z",
    }]}), ext="json",
     feed={"format": "json", "version": "json_1.0", "title": "JSON One",
           "link": "https://json.example/", "itemCount": 2},
     items=[{"id": "2", "url": "https://json.example/2", "title": "Second post",
             "published": "2024-05-06T12:08:09Z", "updated": "2024-05-07T00:00:00Z",
             "content": "<p>Hello, <b>world</b>!</p>", "authors": ["Item Person"],
             "categories": ["news", "json"], "summary": None},
            {"id": "1", "title": None, "content": "<p>No title here.</p>",
             "authors": ["Feed Person"]}],
     description="JSON Feed 1.0: author object, tags, content_html and content_text")

case(G, "json11-authors-language", jf({
    "version": "https://jsonfeed.org/version/1.1",
    "title": "JSON Eleven",
    "home_page_url": "https://json11.example/",
    "language": "pt-BR",
    "items": [{
        "id": "a1",
        "url": "https://json11.example/a1",
        "title": "Olá & até logo",
        "summary": "Resumo <curto>",
        "image": "https://json11.example/a1.jpg",
        "authors": [{"name": "Ana"}, {"name": "Bruno"}],
        "language": "pt",
        "date_published": "2024-05-06T07:08:09.5+01:00",
    }]}), ext="json",
     feed={"version": "json_1.1", "language": "pt-BR"},
     items=[{"title": "Olá & até logo", "summary": "Resumo <curto>",
             "summaryHtml": "Resumo &lt;curto&gt;", "image": "https://json11.example/a1.jpg",
             "authors": ["Ana", "Bruno"], "language": "pt",
             "published": "2024-05-06T06:08:09.500Z"}],
     description="JSON Feed 1.1: authors, language, plain-text summary and title")

case(G, "json-numeric-id", jf({
    "version": "https://jsonfeed.org/version/1.1", "title": "Numbers",
    "items": [{"id": 12345, "url": "https://num.example/12345", "title": "Number id"}]}),
     ext="json", items=[{"id": "12345", "title": "Number id"}],
     recoveries=["lenient-json"],
     description="an id written as a number is taken as its text")

case(G, "json-external-url", jf({
    "version": "https://jsonfeed.org/version/1.1", "title": "Linkblog",
    "items": [{"id": "x", "external_url": "https://elsewhere.example/story",
               "title": "Pointing elsewhere"}]}),
     ext="json", items=[{"url": "https://elsewhere.example/story"}],
     description="external_url when there is no url")

case(G, "json-relative-urls", jf({
    "version": "https://jsonfeed.org/version/1.1", "title": "Relative",
    "items": [{"id": "r", "url": "/posts/1", "title": "Relative URL",
               "image": "img/1.png"}]}),
     ext="json", feed_url="https://rel.example/feeds/main.json",
     items=[{"url": "https://rel.example/posts/1",
             "image": "https://rel.example/feeds/img/1.png"}],
     description="relative item URLs resolve against the feed's URL")

case(G, "json-attachments", jf({
    "version": "https://jsonfeed.org/version/1.1", "title": "Podcast",
    "items": [{"id": "ep1", "url": "https://pod.example/ep1", "title": "Episode 1",
               "attachments": [
                   {"url": "https://pod.example/ep1.mp3", "mime_type": "audio/mpeg",
                    "size_in_bytes": 31415926, "duration_in_seconds": 1800},
                   {"url": "https://pod.example/ep1.jpg", "mime_type": "image/jpeg"},
                   {"url": "https://pod.example/ep1.mp3", "mime_type": "audio/mpeg"}]}]}),
     ext="json",
     items=[{"enclosures": [
         {"url": "https://pod.example/ep1.mp3", "type": "audio/mpeg", "length": 31415926,
          "medium": "audio"},
         {"url": "https://pod.example/ep1.jpg", "type": "image/jpeg", "length": None,
          "medium": "image"}],
         "image": "https://pod.example/ep1.jpg"}],
     description="attachments become enclosures (deduplicated); an image attachment the image")

case(G, "json-content-text-paragraphs", jf({
    "version": "https://jsonfeed.org/version/1.1", "title": "Text",
    "items": [{"id": "t", "url": "https://text.example/t", "title": "Plain",
               "content_text": "First paragraph <not a tag>.\n\nSecond line one\nline two."}]}),
     ext="json",
     items=[{"content": "<p>First paragraph &lt;not a tag&gt;.</p>"
                        "<p>Second line one<br>line two.</p>"}],
     description="content_text becomes escaped HTML paragraphs")

case(G, "json-bom", b"\xef\xbb\xbf" + jf({
    "version": "https://jsonfeed.org/version/1.1", "title": "Bommed",
    "items": [{"id": "b", "url": "https://bom.example/b", "title": "Zoë"}]}).encode("utf-8"),
     ext="json", feed={"explain": {"charset": "UTF-8", "charsetSource": "bom"}},
     items=[{"title": "Zoë"}],
     description="JSON Feed with a UTF-8 byte order mark")

case(G, "json-utf16le", "\ufeff".encode("utf-16-le") + jf({
    "version": "https://jsonfeed.org/version/1.1", "title": "Sixteen",
    "items": [{"id": "u", "url": "https://u16.example/u", "title": "日本語のタイトル"}]})
     .encode("utf-16-le"),
     ext="json", feed={"title": "Sixteen", "explain": {"charset": "UTF-16LE"}},
     items=[{"title": "日本語のタイトル"}],
     description="JSON Feed in UTF-16LE with a BOM")

case(G, "json-lenient-syntax", """{
  // a comment
  "version": "https://jsonfeed.org/version/1.1",
  "title": 'Single quoted',
  "items": [
    {"id": "l1", "url": "https://lenient.example/1", "title": "Trailing commas",},
  ],
}
""", ext="json", feed={"title": "Single quoted"},
     items=[{"id": "l1", "title": "Trailing commas"}],
     recoveries=["lenient-json"],
     description="comments, single quotes and trailing commas")

case(G, "json-no-version", jf({
    "title": "Versionless JSON",
    "items": [{"id": "nv", "url": "https://nv.example/1", "title": "No version"}]}),
     ext="json", feed={"version": "json_1.1"}, items=[{"title": "No version"}],
     recoveries=["lenient-json"],
     description="no version but an items array: read as JSON Feed 1.1")

case(G, "json-bad-dates", jf({
    "version": "https://jsonfeed.org/version/1.1", "title": "Dates",
    "items": [{"id": "d1", "url": "https://d.example/1", "title": "Yesterday",
               "date_published": "yesterday"},
              {"id": "d2", "url": "https://d.example/2", "title": "Local",
               "date_published": "2024-05-06T07:08:09"}]}),
     ext="json",
     items=[{"published": None, "flags": ["date-unparseable"]},
            {"published": "2024-05-06T07:08:09Z", "flags": ["date-without-zone"]}],
     recoveries=["unparseable-dates", "dates-without-zone"],
     description="JSON Feed dates that are not RFC 3339")

case(G, "json-not-a-feed", jf({"status": "ok", "data": [1, 2, 3]}), ext="json",
     error="not a JSON Feed", description="JSON that is not a JSON Feed")

case(G, "json-array", "[1, 2, 3]", ext="json", error="not a JSON Feed",
     description="a JSON array")

case(G, "json-truncated", '{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1"',
     ext="json", error="not valid JSON",
     description="JSON cut off mid-document")

G = "sitemap"

URLSET = ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
          ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'
          ' xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">\n')

PLAIN = XML + URLSET + """<url><loc>https://site.example/</loc><lastmod>2024-05-01</lastmod>
<changefreq>daily</changefreq><priority>1.0</priority></url>
<url><loc>https://site.example/a</loc><lastmod>2024-05-02T10:00:00+02:00</lastmod></url>
<url><loc>https://site.example/b?x=1&amp;y=2</loc></url>
</urlset>
"""
PLAIN_ITEMS = [{"url": "https://site.example/", "title": None,
                "published": "2024-05-01T00:00:00Z", "updated": "2024-05-01T00:00:00Z"},
               {"url": "https://site.example/a", "updated": "2024-05-02T08:00:00Z"},
               {"url": "https://site.example/b?x=1&y=2", "published": None}]

case(G, "sitemap-plain", PLAIN, feed={"format": "sitemap", "version": "sitemap", "itemCount": 3},
     items=PLAIN_ITEMS, description="a plain XML sitemap with lastmod dates")

case(G, "sitemap-plain-gz", gz(PLAIN), ext="xml.gz",
     feed={"format": "sitemap", "version": "sitemap"}, items=PLAIN_ITEMS,
     recoveries=["gzip-decompressed"], description="the same sitemap gzipped (.xml.gz)")

NEWS = XML + URLSET + """<url>
<loc>https://news.example/business/article55.html</loc>
<news:news>
<news:publication><news:name>The Example Times</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2024-12-23T08:15:00+01:00</news:publication_date>
<news:title>Companies A, B in Merger Talks</news:title>
<news:keywords>business, merger, acquisition</news:keywords>
</news:news>
<image:image><image:loc>https://news.example/img/55.jpg</image:loc></image:image>
</url>
<url>
<loc>https://news.example/world/article56.html</loc>
<lastmod>2024-12-23T09:00:00Z</lastmod>
<news:news>
<news:publication><news:name>The Example Times</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2024-12-23</news:publication_date>
<news:title>Storm &amp; floods</news:title>
</news:news>
</url>
</urlset>
"""
NEWS_ITEMS = [{"url": "https://news.example/business/article55.html",
               "title": "Companies A, B in Merger Talks", "published": "2024-12-23T07:15:00Z",
               "language": "en", "categories": ["business", "merger", "acquisition"],
               "image": "https://news.example/img/55.jpg"},
              {"url": "https://news.example/world/article56.html", "title": "Storm & floods",
               "published": "2024-12-23T00:00:00Z", "updated": "2024-12-23T09:00:00Z"}]

case(G, "sitemap-news", NEWS,
     feed={"version": "sitemap_news", "title": "The Example Times"}, items=NEWS_ITEMS,
     description="a Google News sitemap with an image extension")

case(G, "sitemap-news-gz", gz(NEWS), ext="xml.gz", feed={"version": "sitemap_news"},
     items=NEWS_ITEMS, recoveries=["gzip-decompressed"],
     description="a gzipped Google News sitemap")

INDEX = XML + """<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://site.example/sitemap-news.xml</loc><lastmod>2024-05-01T00:00:00Z</lastmod></sitemap>
<sitemap><loc>https://site.example/sitemap-2024-05.xml.gz</loc></sitemap>
<sitemap><loc>https://site.example/sitemap-2024-04.xml.gz</loc></sitemap>
</sitemapindex>
"""
INDEX_SITEMAPS = ["https://site.example/sitemap-news.xml",
                  "https://site.example/sitemap-2024-05.xml.gz",
                  "https://site.example/sitemap-2024-04.xml.gz"]

case(G, "sitemap-index", INDEX,
     feed={"format": "sitemap", "version": "sitemap_index", "sitemaps": INDEX_SITEMAPS,
           "itemCount": 0},
     items=[], description="a sitemap index lists its sitemaps, not items")

case(G, "sitemap-index-gz", gz(INDEX), ext="xml.gz",
     feed={"version": "sitemap_index", "sitemaps": INDEX_SITEMAPS}, items=[],
     recoveries=["gzip-decompressed"], description="a gzipped sitemap index")

case(G, "sitemap-html-entities", XML + URLSET + """<url><loc>https://ent.example/1</loc>
<news:news><news:publication><news:name>Le Monde d&eacute;mo</news:name><news:language>fr</news:language></news:publication>
<news:publication_date>2024-01-01T10:00:00Z</news:publication_date>
<news:title>L&rsquo;&eacute;t&eacute; &agrave; Paris &amp; ailleurs</news:title></news:news></url>
</urlset>
""", feed={"title": "Le Monde démo"},
     items=[{"title": "L’été à Paris & ailleurs", "language": "fr"}],
     recoveries=["html-entities-converted"],
     description="HTML entities in a news sitemap (crawler-commons would fail on them)")

case(G, "sitemap-without-namespace", XML + """<urlset>
<url><loc>https://nons.example/1</loc></url>
<url><loc>https://nons.example/2</loc></url>
</urlset>
""", feed={"version": "sitemap", "itemCount": 2},
     items=[{"url": "https://nons.example/1"}, {"url": "https://nons.example/2"}],
     description="a sitemap without the sitemaps.org namespace")

case(G, "sitemap-doctype", XML + """<!DOCTYPE urlset [<!ENTITY host "evil.example">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://dt.example/&host;</loc></url>
<url><loc>https://dt.example/ok</loc></url>
</urlset>
""", feed={"version": "sitemap"},
     items=[{"url": "https://dt.example/&host;"}, {"url": "https://dt.example/ok"}],
     recoveries=["doctype-removed", "unknown-entities-escaped"],
     description="a sitemap DOCTYPE is removed unread; its entity stays a literal reference")

case(G, "sitemap-latin1", """<?xml version="1.0" encoding="ISO-8859-1"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://latin.example/cafe</loc><news:news><news:publication><news:name>Caf\u00e9 Zeitung</news:name>
<news:language>de</news:language></news:publication><news:publication_date>2024-01-01</news:publication_date>
<news:title>Gr\u00fc\u00dfe aus M\u00fcnchen</news:title></news:news></url>
</urlset>
""".encode("iso-8859-1"),
     feed={"title": "Café Zeitung", "explain": {"charset": "windows-1252",
                                                "charsetSource": "xml-declaration"}},
     items=[{"title": "Grüße aus München"}],
     description="an ISO-8859-1 sitemap (crawler-commons alone reads every sitemap as UTF-8)")

case(G, "sitemap-bad-urls", XML + """<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://bad.example/good</loc></url>
<url><loc>not a url at all</loc></url>
<url><loc>https://bad.example/also-good</loc></url>
</urlset>
""", feed={"itemCount": 2},
     items=[{"url": "https://bad.example/good"}, {"url": "https://bad.example/also-good"}],
     recoveries=["items-dropped"],
     description="a loc that is not a URL is refused and counted, not silently lost")

G = "errors"

case(G, "html-page", """<!DOCTYPE html>
<html lang="en"><head><title>Example</title>
<link rel="alternate" type="application/rss+xml" title="RSS" href="/feed.xml">
</head><body><h1>Welcome</h1></body></html>
""", feed_url="https://example.com/news/", ext="html",
     error="this is an HTML page, not a feed (it links to the feed https://example.com/feed.xml)",
     description="an HTML page that links to its feed")

case(G, "html-page-no-feed", "<html><head><title>Oops</title></head><body>Error 500</body></html>",
     ext="html", error="this is an HTML page, not a feed",
     description="an HTML error page")

case(G, "xhtml-page", XML + """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"
 "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>XHTML</title></head><body><p>Hi</p></body></html>
""", error="this is an HTML page, not a feed", description="an XHTML page")

case(G, "html-fragment", "<body><p>Login required</p></body>", ext="html",
     error="this is an HTML page, not a feed", description="a bare HTML body")

case(G, "empty", b"", error="empty document", description="a zero-byte body")

case(G, "whitespace-only", "\n\n   \t\n", error="empty document",
     description="a body of whitespace")

case(G, "png-image", bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"),
     ext="png", error="not a feed: neither XML nor JSON",
     description="an image served as a feed")

case(G, "plain-text", "Service Unavailable\n", ext="txt",
     error="not a feed: neither XML nor JSON (starts with «Service Unavailable»)",
     description="a plain-text error")

case(G, "opml", XML + """<opml version="2.0"><head><title>Subscriptions</title></head>
<body><outline text="A" type="rss" xmlUrl="https://a.example/feed"/></body></opml>
""", ext="opml", error="this is an OPML subscription list, not a feed",
     description="an OPML file fetched as a feed")

case(G, "unknown-root", XML + "<catalog><book id=\"1\"/></catalog>\n",
     error="not a feed: the root element is <catalog>", description="some other XML")

case(G, "no-root-element", XML + "<!-- nothing here -->\n",
     error="not a feed: no XML element in the document",
     description="an XML declaration and a comment, no element")

case(G, "corrupt-gzip", bytes.fromhex("1f8b0800000000000003") + b"this is not deflate data",
     ext="xml.gz", error="gzip body could not be inflated",
     description="a body that starts like gzip but is not")

case(G, "api-error-xml", XML + "<error><code>404</code><message>Not found</message></error>\n",
     error="not a feed: the root element is <error>", description="an XML API error")

G = "security"

case(G, "billion-laughs", XML + """<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
""" + rss(item("&lol9;", "https://laughs.example/1"), decl=""),
     items=[{"title": "&lol9;", "url": "https://laughs.example/1"}],
     recoveries=["doctype-removed", "unknown-entities-escaped"],
     description="billion laughs: the entities are never declared, so never expanded")

case(G, "xxe-file", XML + """<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
""" + rss(item("Secret: &xxe;", "https://xxe.example/1"), decl=""),
     items=[{"title": "Secret: &xxe;"}],
     recoveries=["doctype-removed", "unknown-entities-escaped"],
     description="XXE: an external entity to a local file is never read")

case(G, "external-dtd", XML + """<!DOCTYPE rss SYSTEM "http://127.0.0.1:9/evil.dtd">
""" + rss(item("External DTD", "https://dtd.example/1"), decl=""),
     items=[{"title": "External DTD"}], recoveries=["doctype-removed"],
     description="an external DTD is never loaded")

case(G, "parameter-entity", XML + """<!DOCTYPE rss [
 <!ENTITY % remote SYSTEM "http://127.0.0.1:9/p.dtd">
 %remote;
 <!ENTITY % file SYSTEM "file:///etc/hostname">
]>
""" + rss(item("Parameter entities", "https://pe.example/1"), decl=""),
     items=[{"title": "Parameter entities"}], recoveries=["doctype-removed"],
     description="parameter entities (the blind-XXE vector) are never read")

case(G, "xinclude", XML + """<rss version="2.0" xmlns:xi="http://www.w3.org/2001/XInclude">
<channel><title>XInclude</title><link>https://xi.example/</link><description>d</description>
<xi:include href="file:///etc/passwd" parse="text"/>
<item><title>Not included</title><link>https://xi.example/1</link></item>
</channel></rss>
""", feed={"title": "XInclude"}, items=[{"title": "Not included"}],
     description="XInclude is not processed")

case(G, "doctype-after-bom-and-comment", "\ufeff<!-- generator -->\n" + """<!DOCTYPE rss [
<!ENTITY company "Example &amp; Co">
]>
""" + rss(item("By &company;", "https://dc.example/1"), decl=""),
     items=[{"title": "By &company;"}],
     recoveries=["doctype-removed", "unknown-entities-escaped"],
     description="a DOCTYPE with a harmless internal entity is still removed: no entity is"
                 " ever expanded")
