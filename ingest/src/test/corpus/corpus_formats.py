"""Format variants: RSS 0.91–2.0, RDF (RSS 0.90/1.0), Atom 0.3/1.0."""
import base64

from corpus_base import XML, case, contains, item, rss

G = "rss"

case(G, "rss091-userland", XML + """<rss version="0.91">
<channel>
<title>Userland Daily</title>
<link>http://userland.example/</link>
<description>RSS 0.91 as Userland wrote it</description>
<language>en-us</language>
<item>
<title>First &amp; foremost</title>
<link>http://userland.example/1</link>
<description>The &lt;i&gt;first&lt;/i&gt; item.</description>
</item>
<item>
<title>Second</title>
<link>http://userland.example/2</link>
</item>
</channel>
</rss>
""", feed={"format": "rss", "version": "rss_0.91U", "title": "Userland Daily",
           "link": "http://userland.example/", "language": "en-us", "itemCount": 2},
     items=[{"title": "First & foremost", "url": "http://userland.example/1",
             "summary": "The first item.", "id": None, "published": None},
            {"title": "Second", "url": "http://userland.example/2", "summary": None}],
     description="RSS 0.91 Userland without DOCTYPE")

case(G, "rss091-netscape-doctype", XML + """<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
 "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91">
<channel>
<title>Netscape Style</title>
<link>http://netscape.example/</link>
<description>RSS 0.91 with the Netscape DOCTYPE</description>
<language>en</language>
<item>
<title>Doctype item</title>
<link>http://netscape.example/item</link>
<description>Read even though the DOCTYPE is refused.</description>
</item>
</channel>
</rss>
""", feed={"version": "rss_0.91U", "title": "Netscape Style", "itemCount": 1},
     items=[{"title": "Doctype item", "url": "http://netscape.example/item",
             "summary": "Read even though the DOCTYPE is refused."}],
     recoveries=["doctype-removed"],
     description="RSS 0.91 Netscape: the DOCTYPE Rome needs to call it 0.91N is removed, the feed is"
                 " kept")

case(G, "rss092-enclosure-category", XML + """<rss version="0.92">
<channel>
<title>Radio 0.92</title>
<link>http://radio.example/</link>
<description>RSS 0.92</description>
<item>
<title>Episode 7</title>
<link>http://radio.example/ep7</link>
<description>&lt;p&gt;Show notes with &lt;b&gt;bold&lt;/b&gt; text.&lt;/p&gt;</description>
<category domain="http://radio.example/cats">Talk</category>
<source url="http://other.example/rss">Other Radio</source>
<enclosure url="http://radio.example/ep7.mp3" length="123456" type="audio/mpeg"/>
</item>
</channel>
</rss>
""", feed={"version": "rss_0.92"},
     items=[{"title": "Episode 7", "summary": "Show notes with bold text.",
             "summaryHtml": "<p>Show notes with <b>bold</b> text.</p>",
             "categories": ["Talk"],
             "enclosures": [{"url": "http://radio.example/ep7.mp3", "type": "audio/mpeg",
                             "length": 123456, "medium": "audio"}]}],
     description="RSS 0.92 with an escaped-HTML description, category, source and enclosure")

case(G, "rss093-pubdate", XML + """<rss version="0.93">
<channel>
<title>RSS 0.93</title>
<link>http://v093.example/</link>
<description>0.93</description>
<item>
<title>Dated</title>
<link>http://v093.example/d</link>
<pubDate>Mon, 02 Jun 2003 09:39:21 GMT</pubDate>
</item>
</channel>
</rss>
""", feed={"version": "rss_0.93"},
     items=[{"title": "Dated", "published": "2003-06-02T09:39:21Z"}],
     description="RSS 0.93 item pubDate")

case(G, "rss094-guid-author", XML + """<rss version="0.94">
<channel>
<title>RSS 0.94</title>
<link>http://v094.example/</link>
<description>0.94</description>
<item>
<title>With guid</title>
<link>http://v094.example/g</link>
<guid isPermaLink="false">v094-item-1</guid>
<author>writer@v094.example (Wendy Writer)</author>
<comments>http://v094.example/g#comments</comments>
</item>
</channel>
</rss>
""", feed={"version": "rss_0.94"},
     items=[{"id": "v094-item-1", "url": "http://v094.example/g",
             "authors": ["Wendy Writer"]}],
     description="RSS 0.94 guid and author in 'email (name)' form")

case(G, "rss20-full", XML + """<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>The Daily Example</title>
<link>https://daily.example/</link>
<description>Everything, daily</description>
<language>en-GB</language>
<lastBuildDate>Tue, 14 May 2024 08:00:00 +0100</lastBuildDate>
<ttl>15</ttl>
<item>
<title>Council votes on budget</title>
<link>https://daily.example/2024/05/14/budget</link>
<guid isPermaLink="false">daily-4711</guid>
<pubDate>Tue, 14 May 2024 07:45:00 +0100</pubDate>
<dc:creator>Sam Reporter</dc:creator>
<category>Politics</category>
<category>Local</category>
<description>The council met on Monday.</description>
<content:encoded><![CDATA[<p>The council met on <em>Monday</em>.</p><p>It voted 7–2.</p>]]></content:encoded>
</item>
</channel>
</rss>
""", feed={"format": "rss", "version": "rss_2.0", "title": "The Daily Example",
           "link": "https://daily.example/", "language": "en-GB",
           "updated": "2024-05-14T07:00:00Z", "ttlMinutes": 15, "itemCount": 1},
     items=[{"id": "daily-4711", "url": "https://daily.example/2024/05/14/budget",
             "title": "Council votes on budget", "published": "2024-05-14T06:45:00Z",
             "authors": ["Sam Reporter"], "categories": ["Politics", "Local"],
             "summary": "The council met on Monday.",
             "content": "<p>The council met on <em>Monday</em>.</p><p>It voted 7–2.</p>",
             "flags": []}],
     description="RSS 2.0 with the usual modules: dc:creator, content:encoded, categories, ttl")

case(G, "rss20-userland-namespace", XML + """<rss version="2.0" xmlns="http://backend.userland.com/rss2">
<channel>
<title>Namespaced RSS 2.0</title>
<link>https://ns.example/</link>
<description>RSS 2.0 in the Userland namespace</description>
<item>
<title>Namespaced item</title>
<link>https://ns.example/1</link>
</item>
</channel>
</rss>
""", feed={"version": "rss_2.0", "title": "Namespaced RSS 2.0"},
     items=[{"title": "Namespaced item", "url": "https://ns.example/1"}],
     description="RSS 2.0 in the backend.userland.com/rss2 namespace (Rome reports it as rss_2.0)")

case(G, "rss20-no-version", rss(item("Versionless", "https://example.com/v"), attrs=""),
     feed={"version": "rss_2.0"},
     items=[{"title": "Versionless", "url": "https://example.com/v"}],
     description="<rss> without a version attribute is RSS 2.0")

case(G, "rss20-unknown-version", rss(item("Three point oh", "https://example.com/3"),
                                     attrs=' version="3.0"'),
     feed={"version": "rss_2.0"},
     items=[{"title": "Three point oh"}],
     recoveries=["structure-fixed"],
     description="an RSS version no parser knows is read as 2.0")

case(G, "rss20-version-2-0-1", rss(item("Point release", "https://example.com/p"),
                                   attrs=' version="2.0.1"'),
     feed={"version": "rss_2.0"},
     items=[{"title": "Point release"}],
     description="RSS 2.0.1 is RSS 2.0")

case(G, "rss20-empty-channel", rss(""),
     feed={"title": "Example News", "itemCount": 0}, items=[],
     description="a channel without items is a valid, empty feed")

case(G, "rss20-guid-permalink", rss(
    "<item><title>Permalink guid</title><guid>https://example.com/by-guid</guid></item>\n"
    "<item><title>Default permalink relative</title><guid>/p/2</guid></item>\n"
    "<item><title>Not a permalink</title><guid isPermaLink=\"false\">https://example.com/x</guid>"
    "</item>\n"
    "<item><title>Opaque guid</title><guid>tag:example.com,2024:4</guid></item>\n"),
     items=[{"title": "Permalink guid", "id": "https://example.com/by-guid",
             "url": "https://example.com/by-guid"},
            {"title": "Default permalink relative", "id": "/p/2",
             "url": "https://example.com/p/2"},
            {"title": "Not a permalink", "url": None},
            {"title": "Opaque guid", "id": "tag:example.com,2024:4", "url": None}],
     description="a guid is the link when there is none and it is a permalink URL")

case(G, "rss20-link-href", rss(
    '<item><title>Atom-style link</title><link href="https://example.com/href"/></item>\n'),
     items=[{"title": "Atom-style link", "url": "https://example.com/href"}],
     description="<link href> written in RSS the Atom way")

case(G, "rss20-feedburner-origlink", rss(
    item("Via FeedBurner", "http://feeds.feedburner.example/~r/x/~3/abc/",
         "<feedburner:origLink>https://example.com/real-article</feedburner:origLink>"),
    attrs=' version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"'),
     items=[{"url": "https://example.com/real-article"}],
     description="feedburner:origLink is the article, link only a redirect")

case(G, "rss20-atom-link-in-item", rss(
    '<item><title>Atom link</title><atom:link rel="alternate" href="https://example.com/al"/>'
    '<atom:link rel="enclosure" href="https://example.com/al.mp3" type="audio/mpeg"/></item>\n',
    attrs=' version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"',
    channel='<atom:link rel="self" href="https://example.com/feeds/self.xml"/>\n'),
     feed={"link": "https://example.com/"},
     items=[{"url": "https://example.com/al"}],
     description="an RSS item whose only link is an atom:link")

case(G, "rss20-ttl-sy", rss(item(), channel="<ttl>30</ttl>\n<sy:updatePeriod>hourly"
                                            "</sy:updatePeriod>\n<sy:updateFrequency> 2 "
                                            "</sy:updateFrequency>\n",
                            attrs=' version="2.0" xmlns:sy='
                                  '"http://purl.org/rss/1.0/modules/syndication/"'),
     feed={"ttlMinutes": 30, "updatePeriod": "hourly", "updateFrequency": 2},
     items=[{"title": "A story"}],
     description="ttl and the syndication module are carried for the scheduler")

case(G, "rss20-language-dc", rss(item(), channel="<dc:language>id</dc:language>\n",
                                 attrs=' version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"'),
     feed={"language": "id"}, items=[{"language": None}],
     description="dc:language on the channel")

case(G, "rss20-item-language", rss(
    '<item xml:lang="fr"><title>Bonjour</title><link>https://example.com/fr</link></item>\n'
    '<item><title>Hallo</title><link>https://example.com/de</link>'
    '<dc:language>de</dc:language></item>\n',
    attrs=' version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"'),
     items=[{"title": "Bonjour", "language": "fr"}, {"title": "Hallo", "language": "de"}],
     description="item languages from xml:lang and dc:language")

case(G, "rss20-title-cdata-html", rss(
    item("<![CDATA[<b>Bold</b> news <i>today</i>]]>", "https://example.com/b")),
     items=[{"title": "Bold news today"}],
     description="HTML in a CDATA title becomes plain text")

case(G, "rss20-title-escaped-text", rss(
    item("AT&amp;T &lt;3 its customers", "https://example.com/t")),
     items=[{"title": "AT&T <3 its customers"}],
     description="an escaped < and & that are text, not markup, stay")

case(G, "rss20-description-lt", rss(
    item("Profits", "https://example.com/p",
         "<description>Profits rose 5% &lt; expected, analysts said</description>")),
     items=[{"summary": "Profits rose 5% < expected, analysts said"}],
     description="a literal < in an HTML description")

case(G, "rss20-description-script", rss(
    item("Sanitised", "https://example.com/s",
         "<description><![CDATA[<p onclick=\"x()\">Safe <a href=\"/more\">more</a></p>"
         "<script>alert(1)</script><iframe src=\"https://evil.example/\"></iframe>]]>"
         "</description>")),
     items=[{"summary": "Safe more",
             "summaryHtml": '<p>Safe <a href="https://example.com/more" rel="nofollow">more'
                            '</a></p>'}],
     description="summaries are sanitised with jsoup's basic safelist, links absolute")

G = "rdf"

RDF = ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
       ' xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"'
       ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
       ' xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">\n')

case(G, "rss10-dc", XML + RDF + """<channel rdf:about="https://rdf.example/">
<title>RDF Site Summary</title>
<link>https://rdf.example/</link>
<description>RSS 1.0</description>
<dc:language>ja</dc:language>
<dc:date>2024-03-01T12:00:00+09:00</dc:date>
<items><rdf:Seq><rdf:li rdf:resource="https://rdf.example/1"/></rdf:Seq></items>
</channel>
<item rdf:about="https://rdf.example/1">
<title>RDF item</title>
<link>https://rdf.example/1</link>
<description>About &lt;a href="/rdf"&gt;RDF&lt;/a&gt;.</description>
<dc:creator>Kenji Sato</dc:creator>
<dc:creator>Aiko Tanaka</dc:creator>
<dc:subject>Technology</dc:subject>
<dc:date>2024-03-01T11:30:00+09:00</dc:date>
</item>
</rdf:RDF>
""", feed={"version": "rss_1.0", "title": "RDF Site Summary", "language": "ja",
           "updated": "2024-03-01T03:00:00Z"},
     items=[{"id": "https://rdf.example/1", "url": "https://rdf.example/1",
             "title": "RDF item", "summary": "About RDF.",
             "summaryHtml": 'About <a href="https://rdf.example/rdf" rel="nofollow">RDF</a>.',
             "authors": ["Kenji Sato", "Aiko Tanaka"], "categories": ["Technology"],
             "published": "2024-03-01T02:30:00Z"}],
     description="RSS 1.0 with Dublin Core: creators, subject, dates")

case(G, "rss10-content-sy", XML + RDF + """<channel rdf:about="https://rdf.example/">
<title>RDF with content</title>
<link>https://rdf.example/</link>
<description>RSS 1.0</description>
<sy:updatePeriod>daily</sy:updatePeriod>
<sy:updateFrequency>4</sy:updateFrequency>
</channel>
<item rdf:about="https://rdf.example/c">
<title>Full text</title>
<link>https://rdf.example/c</link>
<content:encoded>&lt;p&gt;Whole &lt;strong&gt;story&lt;/strong&gt;&lt;/p&gt;</content:encoded>
</item>
</rdf:RDF>
""", feed={"version": "rss_1.0", "updatePeriod": "daily", "updateFrequency": 4},
     items=[{"content": "<p>Whole <strong>story</strong></p>", "summary": None}],
     description="RSS 1.0 content:encoded and sy:updatePeriod/Frequency")

case(G, "rss090", XML + """<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://my.netscape.com/rdf/simple/0.9/">
<channel>
<title>Mozilla Dot Org</title>
<link>http://www.mozilla.org</link>
<description>the Mozilla Organization web site</description>
</channel>
<item>
<title>New Status Updates</title>
<link>http://www.mozilla.org/status/</link>
</item>
<item>
<title>Bugzilla Reorganized</title>
<link>http://www.mozilla.org/bugs/</link>
</item>
</rdf:RDF>
""", feed={"version": "rss_0.9", "title": "Mozilla Dot Org", "link": "http://www.mozilla.org/",
           "itemCount": 2},
     items=[{"title": "New Status Updates", "url": "http://www.mozilla.org/status/"},
            {"title": "Bugzilla Reorganized", "url": "http://www.mozilla.org/bugs/"}],
     description="RSS 0.90, the RDF original")

case(G, "rdf-without-rss-namespace", XML + """<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<channel rdf:about="https://nons.example/">
<title>No RSS namespace</title>
<link>https://nons.example/</link>
<description>channel and items without the RSS 1.0 namespace</description>
</channel>
<item rdf:about="https://nons.example/1">
<title>Still read</title>
<link>https://nons.example/1</link>
</item>
</rdf:RDF>
""", feed={"version": "rss_1.0", "title": "No RSS namespace"},
     items=[{"title": "Still read", "url": "https://nons.example/1"}],
     recoveries=["structure-fixed"],
     description="RDF whose channel and items lack the RSS 1.0 namespace")

case(G, "rdf-items-inside-channel", XML + RDF + """<channel rdf:about="https://in.example/">
<title>Items in channel</title>
<link>https://in.example/</link>
<description>items nested the RSS 2.0 way</description>
<item rdf:about="https://in.example/1"><title>One</title><link>https://in.example/1</link></item>
<item rdf:about="https://in.example/2"><title>Two</title><link>https://in.example/2</link></item>
</channel>
</rdf:RDF>
""", feed={"version": "rss_1.0", "itemCount": 2},
     items=[{"title": "One"}, {"title": "Two"}],
     recoveries=["structure-fixed"],
     description="RDF items written inside the channel are moved beside it")

case(G, "rdf-no-channel", XML + RDF + """<item rdf:about="https://noch.example/1">
<title>Orphan</title>
<link>https://noch.example/1</link>
</item>
</rdf:RDF>
""", feed={"version": "rss_1.0", "title": None},
     items=[{"title": "Orphan", "url": "https://noch.example/1"}],
     recoveries=["structure-fixed"],
     description="RDF without a channel")

G = "atom"

ATOM = '<feed xmlns="http://www.w3.org/2005/Atom"'
# base64 of UTF-8 HTML, wrapped every 20 characters as some feeds wrap it
B64 = "\n".join(
    (lambda e: [e[i:i + 20] for i in range(0, len(e), 20)])(
        base64.b64encode("<p>Café gecodeert</p>".encode("utf-8")).decode("ascii")))

case(G, "atom10-basic", XML + ATOM + """ xml:lang="en">
<title>Atom Example</title>
<link href="https://atom.example/"/>
<link rel="self" href="https://atom.example/feed.atom"/>
<id>urn:uuid:60a76c80-d399-11d9-b91C-0003939e0af6</id>
<updated>2024-02-03T18:30:02Z</updated>
<author><name>Feed Author</name></author>
<entry>
<title>Atom-Powered Robots Run Amok</title>
<link href="https://atom.example/2024/02/03/robots"/>
<id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
<published>2024-02-03T17:00:00+01:00</published>
<updated>2024-02-03T18:30:02Z</updated>
<summary>Some text.</summary>
<author><name>John Doe</name><email>john@example.com</email></author>
<category term="robots"/>
</entry>
</feed>
""", feed={"format": "atom", "version": "atom_1.0", "title": "Atom Example",
           "link": "https://atom.example/", "language": "en",
           "updated": "2024-02-03T18:30:02Z"},
     items=[{"id": "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a",
             "url": "https://atom.example/2024/02/03/robots",
             "title": "Atom-Powered Robots Run Amok", "published": "2024-02-03T16:00:00Z",
             "updated": "2024-02-03T18:30:02Z", "summary": "Some text.",
             "authors": ["John Doe"], "categories": ["robots"]}],
     description="Atom 1.0, the RFC 4287 example with the usual elements")

case(G, "atom10-text-types", XML + ATOM + """>
<title type="text">Types</title>
<id>urn:types</id>
<updated>2024-01-01T00:00:00Z</updated>
<entry>
<title type="html">&lt;em&gt;Big&lt;/em&gt; day &amp;amp; night</title>
<link href="https://types.example/1"/>
<id>urn:types:1</id>
<updated>2024-01-01T00:00:00Z</updated>
<summary type="text">Use &lt;b&gt; for bold &amp; &lt;i&gt; for italics</summary>
</entry>
<entry>
<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">An <b>XHTML</b> title</div></title>
<link href="https://types.example/2"/>
<id>urn:types:2</id>
<updated>2024-01-01T00:00:00Z</updated>
<summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>First.</p><p>Second.</p></div></summary>
<content type="html">&lt;p&gt;HTML &lt;a href="/rel"&gt;content&lt;/a&gt;&lt;/p&gt;</content>
</entry>
</feed>
""", items=[{"title": "Big day & night",
             "summary": "Use <b> for bold & <i> for italics"},
            {"title": "An XHTML title", "summary": "First.\n\nSecond.",
             "content": '<p>HTML <a href="/rel">content</a></p>'}],
     description="Atom text constructs: type=text stays literal, html and xhtml become text")

case(G, "atom10-xml-base", XML + """<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://base.example/blog/">
<title>Bases</title>
<link href="./"/>
<id>urn:bases</id>
<updated>2024-01-01T00:00:00Z</updated>
<entry xml:base="2024/">
<title>Relative to the entry base</title>
<link href="post-1.html"/>
<id>urn:bases:1</id>
<updated>2024-01-01T00:00:00Z</updated>
</entry>
<entry>
<title>Root-relative</title>
<link href="/about"/>
<id>urn:bases:2</id>
<updated>2024-01-01T00:00:00Z</updated>
</entry>
<entry>
<title>Link with its own base</title>
<link xml:base="https://other.example/x/" href="y/z"/>
<id>urn:bases:3</id>
<updated>2024-01-01T00:00:00Z</updated>
</entry>
<entry>
<title>Absolute</title>
<link href="https://abs.example/a"/>
<id>urn:bases:4</id>
<updated>2024-01-01T00:00:00Z</updated>
</entry>
</feed>
""", feed={"link": "https://base.example/blog/"},
     items=[{"url": "https://base.example/blog/2024/post-1.html"},
            {"url": "https://base.example/about"},
            {"url": "https://other.example/x/y/z"},
            {"url": "https://abs.example/a"}],
     description="xml:base on the feed, an entry and a link, resolved in turn")

case(G, "atom10-links", XML + ATOM + """>
<title>Links</title><id>urn:links</id><updated>2024-01-01T00:00:00Z</updated>
<entry>
<title>Many links</title>
<id>urn:links:1</id>
<updated>2024-01-01T00:00:00Z</updated>
<link rel="related" href="https://links.example/related"/>
<link rel="enclosure" href="https://links.example/talk.mp3" type="audio/mpeg" length="98765"/>
<link rel="alternate" type="application/pdf" href="https://links.example/doc.pdf"/>
<link rel="alternate" type="text/html" href="https://links.example/page"/>
</entry>
<entry>
<title>Only a PDF</title>
<id>urn:links:2</id>
<updated>2024-01-01T00:00:00Z</updated>
<link rel="alternate" type="application/pdf" href="https://links.example/only.pdf"/>
</entry>
</feed>
""", items=[{"url": "https://links.example/page",
             "enclosures": [{"url": "https://links.example/talk.mp3", "type": "audio/mpeg",
                             "length": 98765, "medium": "audio"}]},
            {"url": "https://links.example/only.pdf", "enclosures": []}],
     description="the HTML alternate link wins; rel=enclosure is an enclosure")

case(G, "atom10-id-as-link", XML + ATOM + """>
<title>Ids</title><id>urn:ids</id><updated>2024-01-01T00:00:00Z</updated>
<entry><title>HTTP id</title><id>https://ids.example/posts/9</id><updated>2024-01-01T00:00:00Z</updated></entry>
<entry><title>URN id</title><id>urn:uuid:0c8f33a1-0000-4000-8000-000000000001</id><updated>2024-01-01T00:00:00Z</updated></entry>
</feed>
""", items=[{"id": "https://ids.example/posts/9", "url": "https://ids.example/posts/9"},
            {"id": "urn:uuid:0c8f33a1-0000-4000-8000-000000000001", "url": None}],
     description="an entry without a link uses its id when the id is an http URL")

case(G, "atom10-author-inheritance", XML + ATOM + """>
<title>Authors</title><id>urn:authors</id><updated>2024-01-01T00:00:00Z</updated>
<author><name>Feed Wide</name></author>
<entry><title>Inherits</title><link href="https://au.example/1"/><id>urn:au:1</id><updated>2024-01-01T00:00:00Z</updated></entry>
<entry><title>Has own</title><link href="https://au.example/2"/><id>urn:au:2</id><updated>2024-01-01T00:00:00Z</updated>
<author><name>Own Author</name></author><author><name>Second Author</name></author></entry>
<entry><title>From source</title><link href="https://au.example/3"/><id>urn:au:3</id><updated>2024-01-01T00:00:00Z</updated>
<source><id>urn:src</id><title>Source</title><author><name>Source Author</name></author></source></entry>
</feed>
""", items=[{"authors": ["Feed Wide"]}, {"authors": ["Own Author", "Second Author"]},
            {"authors": ["Source Author"]}],
     description="Atom entries inherit authors from their source, else the feed")

case(G, "atom10-category-label", XML + ATOM + """>
<title>Cats</title><id>urn:cats</id><updated>2024-01-01T00:00:00Z</updated>
<entry><title>Categorised</title><link href="https://cat.example/1"/><id>urn:cat:1</id><updated>2024-01-01T00:00:00Z</updated>
<category term="tech" scheme="https://cat.example/s" label="Technology"/>
<category term="science"/>
<category term="tech" label="Technology"/>
</entry>
</feed>
""", items=[{"categories": ["Technology", "science"]}],
     description="Atom category labels are preferred to terms; duplicates dropped")

case(G, "atom10-updated-only", XML + ATOM + """>
<title>Updated only</title><id>urn:u</id><updated>2024-01-01T00:00:00Z</updated>
<entry><title>No published</title><link href="https://u.example/1"/><id>urn:u:1</id>
<updated>2024-04-05T06:07:08-04:00</updated></entry>
</feed>
""", items=[{"published": "2024-04-05T10:07:08Z", "updated": "2024-04-05T10:07:08Z"}],
     description="an entry with only <updated> is published then")

case(G, "atom10-content-src", XML + ATOM + """>
<title>Out of line</title><id>urn:src</id><updated>2024-01-01T00:00:00Z</updated>
<entry><title>Video</title><link href="https://src.example/v"/><id>urn:src:1</id><updated>2024-01-01T00:00:00Z</updated>
<summary>See the video.</summary>
<content type="video/mp4" src="https://src.example/v.mp4"/>
</entry>
</feed>
""", items=[{"summary": "See the video.", "content": None}],
     description="out-of-line content (src) has no value")

case(G, "atom10-xhtml-content", XML + ATOM + """>
<title>XHTML content</title><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated>
<entry><title>Inline XHTML</title><link href="https://x.example/1"/><id>urn:x:1</id><updated>2024-01-01T00:00:00Z</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello <b>world</b></p></div></content>
</entry>
</feed>
""", items=[{"content": contains("<p>Hello <b>world</b></p>")}],
     description="XHTML content is serialised markup")

case(G, "atom10-entry-lang", XML + ATOM + """ xml:lang="en">
<title>Langs</title><id>urn:l</id><updated>2024-01-01T00:00:00Z</updated>
<entry xml:lang="es"><title>Hola</title><link href="https://l.example/es"/><id>urn:l:1</id><updated>2024-01-01T00:00:00Z</updated></entry>
<entry><title>Hello</title><link href="https://l.example/en"/><id>urn:l:2</id><updated>2024-01-01T00:00:00Z</updated></entry>
</feed>
""", feed={"language": "en"},
     items=[{"language": "es"}, {"language": None}],
     description="an entry's own xml:lang")

case(G, "atom03-basic", XML + """<feed version="0.3" xmlns="http://purl.org/atom/ns#">
<title>Atom 0.3</title>
<link rel="alternate" type="text/html" href="https://old.example/"/>
<modified>2005-07-31T12:29:29Z</modified>
<entry>
<title>Old school</title>
<link rel="alternate" type="text/html" href="https://old.example/2005/07/31"/>
<id>tag:old.example,2005:1</id>
<issued>2005-07-31T12:29:29+02:00</issued>
<modified>2005-08-01T08:00:00Z</modified>
<author><name>Mark</name></author>
<content type="text/html" mode="escaped">&lt;p&gt;Escaped &lt;b&gt;HTML&lt;/b&gt;&lt;/p&gt;</content>
</entry>
</feed>
""", feed={"format": "atom", "version": "atom_0.3", "title": "Atom 0.3",
           "link": "https://old.example/", "updated": "2005-07-31T12:29:29Z"},
     items=[{"url": "https://old.example/2005/07/31", "id": "tag:old.example,2005:1",
             "published": "2005-07-31T10:29:29Z", "updated": "2005-08-01T08:00:00Z",
             "authors": ["Mark"], "content": "<p>Escaped <b>HTML</b></p>"}],
     description="Atom 0.3: issued/modified, escaped content")

case(G, "atom03-base64", XML + """<feed version="0.3" xmlns="http://purl.org/atom/ns#">
<title>Base64</title>
<entry>
<title>Encoded</title>
<link rel="alternate" type="text/html" href="https://b64.example/1"/>
<id>b64-1</id>
<issued>2005-07-31T12:29:29Z</issued>
<content type="text/html" mode="base64">""" + B64 + """</content>
</entry>
</feed>
""", items=[{"content": "<p>Café gecodeert</p>"}],
     description="Atom 0.3 base64 content, wrapped, decoded as UTF-8")

case(G, "atom03-bad-base64", XML + """<feed version="0.3" xmlns="http://purl.org/atom/ns#">
<title>Bad base64</title>
<entry>
<title>Kept anyway</title>
<link rel="alternate" type="text/html" href="https://b64.example/bad"/>
<id>b64-bad</id>
<issued>2005-07-31T12:29:29Z</issued>
<summary>The summary survives.</summary>
<content type="text/html" mode="base64">!!!not base64***</content>
</entry>
</feed>
""", items=[{"title": "Kept anyway", "summary": "The summary survives.", "content": None}],
     recoveries=["bad-base64"],
     description="Atom 0.3 content that is not base64 is dropped, the entry kept (Rome throws)")

case(G, "atom-without-namespace", XML + """<feed>
<title>No namespace</title>
<link href="https://nons.example/"/>
<updated>2024-01-01T00:00:00Z</updated>
<entry>
<title>Entry without namespace</title>
<link href="https://nons.example/1"/>
<id>urn:nons:1</id>
<updated>2024-06-01T10:00:00Z</updated>
<summary>Read as Atom 1.0.</summary>
</entry>
</feed>
""", feed={"format": "atom", "version": "atom_1.0", "title": "No namespace"},
     items=[{"title": "Entry without namespace", "url": "https://nons.example/1",
             "published": "2024-06-01T10:00:00Z", "summary": "Read as Atom 1.0."}],
     recoveries=["structure-fixed"],
     description="Atom without its namespace (Rome does not recognise it)")

case(G, "atom03-without-namespace", XML + """<feed version="0.3">
<title>Old, no namespace</title>
<entry>
<title>Issued</title>
<link rel="alternate" href="https://nons03.example/1"/>
<id>n03</id>
<issued>2004-01-01T00:00:00Z</issued>
</entry>
</feed>
""", feed={"version": "atom_0.3"},
     items=[{"url": "https://nons03.example/1", "published": "2004-01-01T00:00:00Z"}],
     recoveries=["structure-fixed"],
     description="version=\"0.3\" without a namespace is read as Atom 0.3")

case(G, "atom-misspelt-namespace", XML + """<feed xmlns="http://www.w3.org/2005/atom">
<title>Lower-case namespace</title>
<entry><title>Misspelt</title><link href="https://case.example/1"/><id>c1</id>
<updated>2024-01-01T00:00:00Z</updated></entry>
</feed>
""", feed={"version": "atom_1.0"},
     items=[{"title": "Misspelt", "url": "https://case.example/1"}],
     recoveries=["structure-fixed"],
     description="the Atom namespace in the wrong case")

case(G, "atom10-html-as-children", XML + ATOM + """>
<title>Unescaped</title><id>urn:ue</id><updated>2024-01-01T00:00:00Z</updated>
<entry><title>Unescaped summary</title><link href="https://ue.example/1"/><id>ue1</id>
<updated>2024-01-01T00:00:00Z</updated>
<summary type="html"><p>Markup <b>not</b> escaped</p></summary></entry>
</feed>
""", items=[{"summary": "Markup not escaped"}],
     recoveries=["unescaped-html"],
     description="type=html text written as elements instead of escaped text")

case(G, "atom10-prefixed-root", XML + """<atom:feed xmlns:atom="http://www.w3.org/2005/Atom">
<atom:title>Prefixed Atom</atom:title>
<atom:entry><atom:title>P1</atom:title><atom:link href="https://pfx.example/1"/><atom:id>p1</atom:id>
<atom:updated>Mon Jan 15 2024 10:00:00 GMT+0100 (Central European Standard Time)</atom:updated>
</atom:entry>
</atom:feed>
""", feed={"version": "atom_1.0", "title": "Prefixed Atom"},
     items=[{"title": "P1", "url": "https://pfx.example/1",
             "published": "2024-01-15T09:00:00Z"}],
     description="Atom with a prefixed root; a JavaScript Date.toString() date")

G = "rdf"

case(G, "rdf-prefixed-rss", XML + """<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns:rss="http://purl.org/rss/1.0/">
<rss:channel rdf:about="https://prss.example/"><rss:title>Prefixed RDF</rss:title>
<rss:link>https://prss.example/</rss:link><rss:description>d</rss:description></rss:channel>
<rss:item rdf:about="https://prss.example/1"><rss:title>R1</rss:title>
<rss:link>https://prss.example/1</rss:link></rss:item>
</rdf:RDF>
""", feed={"version": "rss_1.0", "title": "Prefixed RDF"},
     items=[{"title": "R1", "url": "https://prss.example/1", "id": "https://prss.example/1"}],
     description="RSS 1.0 elements with a prefix instead of the default namespace")
