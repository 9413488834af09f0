"""Broken XML and broken structure; Media RSS, enclosures, authors, categories; links."""
from corpus_base import XML, case, contains, item, rss

G = "broken"

case(G, "unclosed-title", rss(
    "<item><title>Unclosed title<link>https://br.example/1</link>"
    "<description>Summary one</description></item>\n"
    "<item><title>Fine</title><link>https://br.example/2</link></item>\n"),
     items=[{"title": "Unclosed title", "url": "https://br.example/1",
             "summary": "Summary one"},
            {"title": "Fine", "url": "https://br.example/2"}],
     recoveries=["tags-balanced"],
     description="a <title> never closed is closed by the next element")

case(G, "unclosed-item", rss(
    "<item><title>First</title><link>https://br.example/a</link>\n"
    "<item><title>Second</title><link>https://br.example/b</link></item>\n"),
     feed={"itemCount": 2},
     items=[{"title": "First"}, {"title": "Second"}],
     recoveries=["tags-balanced"],
     description="an <item> never closed is closed by the next item")

case(G, "truncated", XML + """<rss version="2.0"><channel><title>Cut off</title>
<link>https://cut.example/</link><description>d</description>
<item><title>Complete</title><link>https://cut.example/1</link></item>
<item><title>Partial sto""",
     feed={"title": "Cut off", "itemCount": 2},
     items=[{"title": "Complete", "url": "https://cut.example/1"},
            {"title": "Partial sto", "url": None}],
     recoveries=["tags-balanced"],
     description="a document cut off mid-item: what was received is read")

case(G, "truncated-in-tag", XML + """<rss version="2.0"><channel><title>Cut in a tag</title>
<item><title>Whole</title><link>https://cut.example/w</link></item>
<item><title>Half</title><link>https://cut.example/h</link><pubD""",
     items=[{"title": "Whole"}, {"title": "Half", "url": "https://cut.example/h"}],
     recoveries=["tags-balanced", "attributes-repaired"],
     description="a document cut off inside a start tag")

case(G, "missing-channel", XML + """<rss version="2.0">
<title>No channel</title><link>https://noch.example/</link><description>d</description>
<item><title>Direct child</title><link>https://noch.example/1</link></item>
</rss>
""", feed={"title": "No channel", "version": "rss_2.0"},
     items=[{"title": "Direct child", "url": "https://noch.example/1"}],
     recoveries=["structure-fixed"],
     description="<rss> without <channel> (Rome throws)")

case(G, "channel-root", XML + """<channel>
<title>Bare channel</title><link>https://bare.example/</link><description>d</description>
<item><title>In a bare channel</title><link>https://bare.example/1</link></item>
</channel>
""", feed={"title": "Bare channel", "version": "rss_2.0"},
     items=[{"title": "In a bare channel"}], recoveries=["structure-fixed"],
     description="a <channel> document without <rss>")

case(G, "items-outside-channel", XML + """<rss version="2.0"><channel>
<title>Outside</title><link>https://out.example/</link><description>d</description>
<item><title>Inside</title><link>https://out.example/1</link></item>
</channel>
<item><title>Outside</title><link>https://out.example/2</link></item>
</rss>
""", feed={"itemCount": 2}, items=[{"title": "Inside"}, {"title": "Outside"}],
     recoveries=["structure-fixed"], description="items after </channel>")

case(G, "trailing-garbage", rss(item("Before the warning", "https://tg.example/1")) +
     "<br />\n<b>Warning</b>:  mysql_close() expects parameter 1 in <b>/var/www/feed.php</b>"
     " on line <b>42</b><br />\n",
     items=[{"title": "Before the warning"}], recoveries=["trailing-garbage-removed"],
     description="a PHP warning after </rss>")

case(G, "leading-garbage", "<br />\n<b>Notice</b>: Undefined index: id in /var/www/feed.php\n" +
     rss(item("After the notice", "https://lg.example/1")),
     items=[{"title": "After the notice"}], recoveries=["leading-garbage-removed"],
     description="a PHP notice (with tags) before the XML declaration")

case(G, "leading-text-no-declaration", "Warning: cache miss\n" +
     rss(item("After text", "https://lg.example/2"), decl=""),
     items=[{"title": "After text"}], recoveries=["leading-garbage-removed"],
     description="plain text before the root element, no declaration")

case(G, "concatenated-documents", rss(item("First document", "https://cat.example/1")) +
     rss(item("Second document", "https://cat.example/2")),
     feed={"itemCount": 1}, items=[{"title": "First document"}],
     recoveries=["trailing-garbage-removed"],
     description="two documents in one body: the first is read")

case(G, "control-characters", rss(item(
    "Ctrl\x0bchars\x1a here\x00", "https://cc.example/1",
    "<description>Back\x08space and \x1bescape</description>")),
     items=[{"title": "Ctrlchars here", "summary": "Backspace and escape"}],
     recoveries=["control-characters-fixed"],
     description="C0 control characters XML forbids")

case(G, "c1-controls-in-utf8", rss(item("\u0093Double-decoded\u0094 \u0096 quotes",
                                         "https://cc.example/2")),
     items=[{"title": "“Double-decoded” – quotes"}], recoveries=["control-characters-fixed"],
     description="C1 controls in UTF-8 text are the windows-1252 characters that were meant")

case(G, "nul-bytes", rss(item("Nul", "https://nul.example/1",
                              "<description>Zero\x00 bytes\x00 inside</description>")),
     items=[{"summary": "Zero bytes inside"}], recoveries=["control-characters-fixed"],
     description="NUL bytes inside a UTF-8 document")

case(G, "cdata-split-end", rss(item(
    "<![CDATA[a ]]]]><![CDATA[> b]]>", "https://cd.example/1")),
     items=[{"title": "a ]]> b"}],
     description="a CDATA end marker split across two sections (valid, and tricky)")

case(G, "cdata-unterminated", rss(item(
    "Unterminated CDATA", "https://cd.example/2",
    "<description><![CDATA[<p>Text that never ends</description>")),
     items=[{"title": "Unterminated CDATA", "summary": "Text that never ends"}],
     recoveries=["cdata-or-comment-repaired"],
     description="a CDATA section without ]]> is closed at the end of its element")

case(G, "cdata-html-title", rss(item(
    "<![CDATA[Breaking: <em>big</em> news &amp; more]]>", "https://cd.example/3")),
     items=[{"title": "Breaking: big news & more"}],
     description="HTML and an entity inside a CDATA title")

case(G, "cdata-end-in-text", rss(item("Array a[b[0]]> 1", "https://cd.example/4")),
     items=[{"title": "Array a[b[0]]> 1"}],
     description="]]> in text, where XML forbids it")

case(G, "stray-lt", rss(item("Profits < expectations, 3<5 and 4 <= 6", "https://lt.example/1")),
     items=[{"title": "Profits < expectations, 3<5 and 4 <= 6"}],
     recoveries=["stray-lt-escaped"],
     description="< that starts no tag")

case(G, "unquoted-attributes", rss(item(
    "Unquoted", "https://ua.example/1",
    "<enclosure url=https://ua.example/a.mp3 length=1234 type=audio/mpeg>"
    "<guid isPermaLink=false>ua-1</guid>")),
     items=[{"id": "ua-1", "enclosures": [{"url": "https://ua.example/a.mp3",
                                           "type": "audio/mpeg", "length": 1234,
                                           "medium": "audio"}]}],
     recoveries=["attributes-repaired"],
     description="unquoted attribute values and an unclosed <enclosure>")

case(G, "attribute-without-value", rss(
    "<item><title>Boolean</title><guid isPermaLink>https://bv.example/1</guid></item>\n"),
     items=[{"id": "https://bv.example/1", "url": "https://bv.example/1"}],
     recoveries=["attributes-repaired"], description="an attribute without a value")

case(G, "duplicate-attributes", rss(item(
    "Duplicate", "https://da.example/1",
    '<enclosure url="https://da.example/first.mp3" url="https://da.example/second.mp3"'
    ' type="audio/mpeg" type="audio/ogg"/>')),
     items=[{"enclosures": [{"url": "https://da.example/first.mp3", "type": "audio/mpeg",
                             "length": None, "medium": "audio"}]}],
     recoveries=["attributes-repaired"], description="the same attribute twice: the first wins")

case(G, "undeclared-prefixes", XML + """<rss version="2.0"><channel>
<title>Prefixes</title><link>https://px.example/</link><description>d</description>
<item><title>No declarations</title><link>https://px.example/1</link>
<dc:creator>Pat Prefix</dc:creator>
<content:encoded><![CDATA[<p>Full</p>]]></content:encoded>
<media:thumbnail url="https://px.example/t.jpg"/>
</item></channel></rss>
""", items=[{"authors": ["Pat Prefix"], "content": "<p>Full</p>",
             "image": "https://px.example/t.jpg"}],
     recoveries=["undeclared-prefixes-bound"],
     description="dc:, content: and media: used without declaring them (a fatal error for a"
                 " namespace-aware parser)")

case(G, "unknown-prefix", rss(item("Unknown prefix", "https://up.example/1",
                                   "<foo:bar>baz</foo:bar>")),
     items=[{"title": "Unknown prefix", "url": "https://up.example/1"}],
     recoveries=["undeclared-prefixes-bound"],
     description="an undeclared prefix nobody knows")

case(G, "prefix-declared-on-sibling", XML + """<rss version="2.0"><channel>
<title>Scopes</title><link>https://sc.example/</link><description>d</description>
<item xmlns:dc="http://purl.org/dc/elements/1.1/"><title>One</title><link>https://sc.example/1</link><dc:creator>Ann</dc:creator></item>
<item><title>Two</title><link>https://sc.example/2</link><dc:creator>Bob</dc:creator></item>
</channel></rss>
""", items=[{"authors": ["Ann"]}, {"authors": ["Bob"]}],
     description="a prefix declared on one item but used in another")

case(G, "uppercase-elements", XML + """<RSS VERSION="2.0"><CHANNEL>
<TITLE>SHOUTING FEED</TITLE><LINK>https://up.example/</LINK><DESCRIPTION>d</DESCRIPTION>
<ITEM><TITLE>Loud item</TITLE><LINK>https://up.example/1</LINK>
<PUBDATE>Mon, 15 Jan 2024 10:00:00 GMT</PUBDATE><GUID ISPERMALINK="false">u1</GUID></ITEM>
</CHANNEL></RSS>
""", feed={"title": "SHOUTING FEED", "version": "rss_2.0"},
     items=[{"title": "Loud item", "url": "https://up.example/1", "id": "u1",
             "published": "2024-01-15T10:00:00Z"}],
     recoveries=["structure-fixed"], description="RSS in upper case")

case(G, "unescaped-html-description", rss(item(
    "Unescaped", "https://uh.example/1",
    "<description><p>Hello <b>world</b><br>again</p></description>")),
     items=[{"summary": "Hello world\nagain", "summaryHtml": "<p>Hello <b>world</b><br>again</p>"}],
     recoveries=["unescaped-html"],
     description="HTML written into a description as elements")

case(G, "mismatched-nesting", rss(item(
    "<b>Bold <i>both</b> italic</i>", "https://mn.example/1")),
     items=[{"title": "Bold both italic", "url": "https://mn.example/1"}],
     recoveries=["tags-balanced", "unescaped-html"],
     description="HTML tags closed in the wrong order inside a title")

case(G, "comment-with-double-dash", rss(item("Commented", "https://cm.example/1",
                                             "<!-- generated -- by -- a tool --->")),
     items=[{"title": "Commented"}], recoveries=["cdata-or-comment-repaired"],
     description="-- inside a comment")

case(G, "stray-end-tag", rss(item("Stray", "https://se.example/1", "</div></span>")),
     items=[{"title": "Stray", "url": "https://se.example/1"}],
     recoveries=["tags-balanced"], description="end tags that close nothing")

case(G, "missing-end-tags", XML + """<rss version="2.0"><channel><title>Unfinished</title>
<item><title>Last item</title><link>https://mt.example/1</link></item>
""", items=[{"title": "Last item"}], recoveries=["tags-balanced"],
     description="</channel></rss> missing")

case(G, "rss-in-atom-namespace", XML + """<rss version="2.0" xmlns="http://www.w3.org/2005/Atom"
 xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<title>Wrong default namespace</title><link>https://wn.example/</link><description>d</description>
<atom:link rel="self" href="https://wn.example/feed"/>
<item><title>Namespaced by mistake</title><link>https://wn.example/1</link></item>
</channel></rss>
""", feed={"version": "rss_2.0", "title": "Wrong default namespace"},
     items=[{"title": "Namespaced by mistake", "url": "https://wn.example/1"}],
     recoveries=["structure-fixed"], description="<rss> in the Atom namespace")

case(G, "empty-elements", rss(
    "<item><title/><link></link><description/><guid>e-1</guid></item>\n"),
     items=[{"title": None, "url": None, "summary": None, "id": "e-1"}],
     description="empty title, link and description")

case(G, "whitespace-everywhere", rss(
    "<item>\n  <title>\n    Spread\n    over   lines\n  </title>\n"
    "  <link>\n    https://ws.example/1\n  </link>\n</item>\n"),
     items=[{"title": "Spread over lines", "url": "https://ws.example/1"}],
     description="titles and links wrapped over lines")

case(G, "javascript-link", rss(item("Script link", "javascript:alert(1)")),
     items=[{"title": "Script link", "url": None}],
     description="a javascript: link is no link")

case(G, "html-void-elements", rss(item(
    "Voids", "https://hv.example/1",
    "<description><p>Line<br>break <img src=\"/i.png\"> and <hr> rule</p></description>")),
     items=[{"summary": "Line\nbreak and\n\nrule"}],
     recoveries=["unescaped-html"],
     description="unclosed HTML void elements inside unescaped HTML")

case(G, "deeply-broken", XML + """<rss version="2.0"><channel><title>Chaos</title>
<item><title>One & only<link>https://chaos.example/1</link>
<description><![CDATA[<p>Fine</p>]]></description>
<category>A<category>B</category>
</item>
<item><title>Two</title><link>https://chaos.example/2?a=1&b=2</link></item></channel>
<br>trailing
""", items=[{"title": "One & only", "url": "https://chaos.example/1", "summary": "Fine",
             "categories": ["A", "B"]},
            {"title": "Two", "url": "https://chaos.example/2?a=1&b=2"}],
     recoveries=["bare-ampersands-escaped", "tags-balanced"],
     description="several faults at once")

G = "media"

MEDIA = ' version="2.0" xmlns:media="http://search.yahoo.com/mrss/"'

case(G, "media-content-thumbnail", rss(item(
    "Media", "https://md.example/1",
    '<media:content url="https://md.example/v.mp4" type="video/mp4" medium="video"'
    ' fileSize="5000000" width="640" height="360"/>'
    '<media:thumbnail url="https://md.example/thumb.jpg" width="120" height="90"/>'
    '<media:title>Video title</media:title>'), attrs=MEDIA),
     items=[{"enclosures": [{"url": "https://md.example/v.mp4", "type": "video/mp4",
                             "length": 5000000, "medium": "video"}],
             "image": "https://md.example/thumb.jpg"}],
     description="media:content and media:thumbnail")

case(G, "media-group", rss(item(
    "Group", "https://md.example/2",
    '<media:group>'
    '<media:content url="https://md.example/hi.mp4" type="video/mp4" bitrate="2000"/>'
    '<media:content url="https://md.example/lo.mp4" type="video/mp4" bitrate="500">'
    '<media:thumbnail url="https://md.example/lo.jpg"/></media:content>'
    '<media:description>A described group</media:description>'
    '</media:group>'), attrs=MEDIA),
     items=[{"enclosures": [{"url": "https://md.example/hi.mp4", "type": "video/mp4",
                             "length": None, "medium": "video"},
                            {"url": "https://md.example/lo.mp4", "type": "video/mp4",
                             "length": None, "medium": "video"}],
             "image": "https://md.example/lo.jpg", "summary": "A described group"}],
     description="media:group with two renditions; media:description as the summary")

case(G, "media-namespace-without-slash", rss(item(
    "No slash", "https://md.example/3",
    '<media:content url="https://md.example/p.jpg" medium="image"/>'),
    attrs=' version="2.0" xmlns:media="http://search.yahoo.com/mrss"'),
     items=[{"image": "https://md.example/p.jpg",
             "enclosures": [{"url": "https://md.example/p.jpg", "type": None, "length": None,
                             "medium": "image"}]}],
     description="the Media RSS namespace without its trailing slash (a common mistake)")

case(G, "enclosure-relative", rss(item(
    "Relative enclosure", "https://md.example/4",
    '<enclosure url="/audio/ep4.mp3" length="2048" type="audio/mpeg"/>')),
     feed_url="https://md.example/podcast/feed.xml",
     items=[{"enclosures": [{"url": "https://md.example/audio/ep4.mp3", "type": "audio/mpeg",
                             "length": 2048, "medium": "audio"}]}],
     description="a relative enclosure URL")

case(G, "enclosure-image", rss(item(
    "Image enclosure", "https://md.example/5",
    '<enclosure url="https://md.example/pic.jpg" length="0" type="image/jpeg"/>')),
     items=[{"image": "https://md.example/pic.jpg",
             "enclosures": [{"url": "https://md.example/pic.jpg", "type": "image/jpeg",
                             "length": None, "medium": "image"}]}],
     description="an image enclosure is the item's image; length 0 means unknown")

case(G, "enclosures-deduplicated", rss(item(
    "Dedup", "https://md.example/6",
    '<enclosure url="https://md.example/a.mp3" length="100" type="audio/mpeg"/>'
    '<enclosure url="https://md.example/b.mp3" length="" type="audio/mpeg"/>'
    '<media:content url="https://md.example/a.mp3" type="audio/mpeg" medium="audio"'
    ' fileSize="999"/>'), attrs=MEDIA),
     items=[{"enclosures": [{"url": "https://md.example/a.mp3", "type": "audio/mpeg",
                             "length": 100, "medium": "audio"},
                            {"url": "https://md.example/b.mp3", "type": "audio/mpeg",
                             "length": None, "medium": "audio"}]}],
     description="the same URL as enclosure and media:content is one enclosure")

case(G, "content-encoded", rss(item(
    "Full text", "https://md.example/7",
    "<description>Teaser only.</description>"
    "<content:encoded><![CDATA[<h2>Head</h2><p>The <a href=\"/x\">whole</a> story.</p>]]>"
    "</content:encoded>"),
    attrs=' version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"'),
     items=[{"summary": "Teaser only.",
             "content": "<h2>Head</h2><p>The <a href=\"/x\">whole</a> story.</p>"}],
     description="content:encoded beside a teaser description")

case(G, "dc-creators", rss(item(
    "Creators", "https://md.example/8",
    "<author>jane@example.com (Jane Doe)</author><dc:creator>Jane Doe</dc:creator>"
    "<dc:creator>John Roe</dc:creator>"),
    attrs=' version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"'),
     items=[{"authors": ["Jane Doe", "John Roe"]}],
     description="author and several dc:creator, deduplicated")

case(G, "author-forms", rss(
    "<item><title>a0</title><link>https://md.example/a0</link>"
    "<author>Jane Doe &lt;jane@example.com&gt;</author></item>\n"
    "<item><title>a1</title><link>https://md.example/a1</link>"
    "<dc:creator>By John Roe</dc:creator></item>\n"
    "<item><title>a2</title><link>https://md.example/a2</link>"
    "<author>editor@example.com</author></item>\n"
    "<item><title>a3</title><link>https://md.example/a3</link>"
    "<dc:creator><![CDATA[ <b>Mia</b>  Muster ]]></dc:creator></item>\n",
    attrs=' version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"'),
     items=[{"authors": ["Jane Doe"]}, {"authors": ["John Roe"]},
            {"authors": ["editor@example.com"]}, {"authors": ["Mia Muster"]}],
     description="author forms: name <email>, By name, a bare address, HTML")

case(G, "categories", rss(item(
    "Categories", "https://md.example/9",
    "<category domain=\"https://md.example/tax\">World</category>"
    "<category>  Europe  </category><category>World</category><category></category>"
    "<dc:subject>Politics</dc:subject>"),
    attrs=' version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"'),
     items=[{"categories": ["World", "Europe", "Politics"]}],
     description="categories trimmed, deduplicated, empty ones dropped, dc:subject added")

case(G, "itunes-podcast", rss(item(
    "Episode 12", "https://pod.example/12",
    '<enclosure url="https://pod.example/12.m4a" length="4567890" type="audio/x-m4a"/>'
    '<itunes:image href="https://pod.example/12.png"/><itunes:duration>42:00</itunes:duration>'),
    attrs=' version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"'),
     items=[{"image": "https://pod.example/12.png",
             "enclosures": [{"url": "https://pod.example/12.m4a", "type": "audio/x-m4a",
                             "length": 4567890, "medium": "audio"}]}],
     description="a podcast episode: itunes:image is the image")

G = "links"

case(G, "relative-links", rss(
    "<item><title>l0</title><link>/news/1</link></item>\n"
    "<item><title>l1</title><link>news/2</link></item>\n"
    "<item><title>l2</title><link>../top</link></item>\n"
    "<item><title>l3</title><link>?page=4</link></item>\n",
    link="/"),
     feed_url="https://rel.example/feeds/main.xml",
     feed={"link": "https://rel.example/"},
     items=[{"url": "https://rel.example/news/1"}, {"url": "https://rel.example/feeds/news/2"},
            {"url": "https://rel.example/top"}, {"url": "https://rel.example/feeds/main.xml?page=4"}],
     description="relative links resolve against the feed's URL")

case(G, "protocol-relative", rss(item("Scheme-relative", "//cdn.rel.example/story")),
     feed_url="https://rel.example/feed.xml",
     items=[{"url": "https://cdn.rel.example/story"}],
     description="a scheme-relative link takes the feed's scheme")

case(G, "rss-xml-base", XML + """<rss version="2.0"><channel xml:base="https://base.example/site/">
<title>RSS with xml:base</title><link>./</link><description>d</description>
<item><title>b0</title><link>a.html</link></item>
<item xml:base="/other/"><title>b1</title><link>b.html</link></item>
</channel></rss>
""", feed={"link": "https://base.example/site/"},
     items=[{"url": "https://base.example/site/a.html"}, {"url": "https://base.example/other/b.html"}],
     description="xml:base in RSS")

case(G, "link-double-escaped-ampersand", rss(item(
    "Escaped twice", "https://amp.example/?a=1&amp;amp;b=2")),
     items=[{"url": "https://amp.example/?a=1&b=2"}],
     description="&amp;amp; in a link")

case(G, "link-spaces-unicode", rss(item("Unicode path", "https://uni.example/café menu/ü?q=é")),
     items=[{"url": "https://uni.example/caf%C3%A9%20menu/%C3%BC?q=%C3%A9"}],
     description="spaces and non-ASCII characters in a link are percent-encoded")

case(G, "tracking-parameters", rss(item(
    "Tracked", "https://track.example/story?id=5&amp;utm_source=rss&amp;utm_medium=feed")),
     items=[{"url": "https://track.example/story?id=5"}],
     description="tracking parameters are removed from links")

case(G, "idn-host", rss(item("IDN", "https://bücher.example/neu")),
     items=[{"url": "https://xn--bcher-kva.example/neu"}],
     description="an internationalised host name")

G = "broken"

case(G, "rss-cloud-bad-port", rss(item("Cloudy", "https://cl.example/1"),
                                  channel='<cloud domain="rpc.cl.example" port="eighty" path="/RPC2"'
                                          ' registerProcedure="notify" protocol="xml-rpc"/>\n'),
     items=[{"title": "Cloudy"}], recoveries=["structure-fixed"],
     description="a <cloud> port that is not a number (Rome throws for the whole feed)")

case(G, "atom-self-link-without-href", XML + """<feed xmlns="http://www.w3.org/2005/Atom">
<title>Hrefless</title><link rel="self"/><link href="https://hl.example/"/>
<entry><title>Entry</title><link href="https://hl.example/1"/><id>h1</id></entry>
</feed>
""", feed={"link": "https://hl.example/"}, items=[{"title": "Entry"}],
     recoveries=["structure-fixed"],
     description="an Atom self link without href (Rome throws for the whole feed)")

case(G, "rdf-bad-syndication-module", XML + """<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://purl.org/rss/1.0/" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">
<channel rdf:about="https://sy.example/"><title>Bad sy</title><link>https://sy.example/</link>
<description>d</description><sy:updatePeriod>Hourly</sy:updatePeriod>
<sy:updateFrequency>often</sy:updateFrequency></channel>
<item rdf:about="https://sy.example/1"><title>Kept</title><link>https://sy.example/1</link></item>
</rdf:RDF>
""", feed={"updatePeriod": "Hourly", "updateFrequency": None}, items=[{"title": "Kept"}],
     description="sy:updatePeriod in capitals and a frequency that is no number (Rome throws)")

G = "encoding"

case(G, "declared-latin1-actually-utf8",
     '<?xml version="1.0" encoding="ISO-8859-1"?>\n' + rss(item("Café à Zürich – “quoted”",
                                                               "https://l8.example/1"), decl=""),
     feed={"explain": {"charset": "UTF-8", "charsetSource": "detected"}},
     items=[{"title": "Café à Zürich – “quoted”"}], recoveries=["charset-overridden"],
     description="declared ISO-8859-1 over valid multi-byte UTF-8: the bytes decide, not mojibake")

G = "entities"

case(G, "escaped-cdata-in-title", rss(item("&lt;![CDATA[Escaped CDATA &amp; more]]&gt;",
                                           "https://ec.example/1")),
     items=[{"title": "Escaped CDATA & more"}], recoveries=["double-escaped-html"],
     description="a CDATA section escaped by a template, so its markers are text")

case(G, "pseudo-tag-in-title", rss(item("Q&amp;A: Why &lt;Bold&gt; Moves Matter",
                                        "https://pt.example/1")),
     items=[{"title": "Q&A: Why <Bold> Moves Matter"}],
     description="something in angle brackets that is no HTML tag stays in an RSS title")

G = "sitemap"

case(G, "sitemap-text", "https://txt.example/a\nhttps://txt.example/b?x=1\n\nhttps://txt.example/c\n",
     ext="txt", feed={"format": "sitemap", "version": "sitemap_text", "itemCount": 3},
     items=[{"url": "https://txt.example/a", "title": None},
            {"url": "https://txt.example/b?x=1"}, {"url": "https://txt.example/c"}],
     description="a text sitemap: one URL a line")

G = "json"

case(G, "json-entities-in-title", """{"version": "https://jsonfeed.org/version/1.1",
 "title": "Cats &amp; Dogs",
 "items": [{"id": "e", "url": "https://je.example/e", "title": "Tom &amp; Jerry &#8211; live",
            "summary": "A <b>bold</b> summary"}]}""", ext="json",
     feed={"title": "Cats & Dogs"},
     items=[{"title": "Tom & Jerry – live", "summary": "A bold summary",
             "summaryHtml": "A <b>bold</b> summary"}],
     description="HTML entities and tags a publisher put into JSON Feed plain text")

G = "encoding"

case(G, "windows-1250-declared", (
    '<?xml version="1.0" encoding="windows-1250"?>\n'
    + rss(item("Žluťoučký kůň úpěl ďábelské ódy", "https://cz.example/1"), decl="")
).encode("cp1250"),
     feed={"explain": {"charset": "windows-1250", "charsetSource": "xml-declaration"}},
     items=[{"title": "Žluťoučký kůň úpěl ďábelské ódy"}],
     description="Czech in windows-1250")

case(G, "mac-roman-declared", (
    '<?xml version="1.0" encoding="macintosh"?>\n'
    + rss(item("Café crème", "https://mac.example/1"), decl="")
).encode("mac_roman"),
     feed={"explain": {"charset": "x-MacRoman", "charsetSource": "xml-declaration"}},
     items=[{"title": "Café crème"}],
     description="Mac Roman, labelled the way old Mac tools wrote it")
