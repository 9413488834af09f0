"""Encodings (BOMs, declarations, HTTP charsets, conflicts, bogus labels) and entities."""
from corpus_base import XML, case, item, rss

G = "encoding"


def feed(title, *, decl='<?xml version="1.0"?>\n', summary="Summary"):
    """A one-item RSS feed whose item title is {title}, as text to encode."""
    return rss(item(title, "https://enc.example/1", f"<description>{summary}</description>"),
               decl=decl, title="Encoding test")


def decl(enc, quote='"'):
    return f"<?xml version={quote}1.0{quote} encoding={quote}{enc}{quote}?>\n"


def charset(name, source):
    return {"explain": {"charset": name, "charsetSource": source}}


T_LATIN = "Café à Zürich – naïve façade"
T_CP1252 = "“Smart” quotes – dash… €5 ‘ok’"

case(G, "utf8-bom", "\ufeff" + feed(T_LATIN, decl=decl("UTF-8")),
     feed=charset("UTF-8", "bom"), items=[{"title": T_LATIN}],
     description="UTF-8 with a byte order mark")

case(G, "utf8-bom-beats-http", ("\ufeff" + feed(T_LATIN, decl=decl("UTF-8"))).encode("utf-8"),
     content_type="application/rss+xml; charset=ISO-8859-1",
     feed=charset("UTF-8", "bom"), items=[{"title": T_LATIN}],
     description="the BOM wins over a contradicting HTTP charset")

case(G, "utf8-no-declaration", feed(T_LATIN, decl=""),
     feed=charset("UTF-8", "detected"), items=[{"title": T_LATIN}],
     description="no declaration, valid multi-byte UTF-8")

case(G, "ascii-no-declaration", feed("Plain ASCII title", decl=""),
     feed=charset("UTF-8", "default"), items=[{"title": "Plain ASCII title"}],
     description="no declaration, only ASCII: the XML default")

case(G, "utf16le-bom", "\ufeff".encode("utf-16-le") + feed(T_LATIN, decl=decl("UTF-16"))
     .encode("utf-16-le"), feed=charset("UTF-16LE", "bom"), items=[{"title": T_LATIN}],
     description="UTF-16LE with a BOM")

case(G, "utf16be-bom", "\ufeff".encode("utf-16-be") + feed("Ελληνικά και 日本語", decl=decl("UTF-16"))
     .encode("utf-16-be"), feed=charset("UTF-16BE", "bom"),
     items=[{"title": "Ελληνικά και 日本語"}], description="UTF-16BE with a BOM")

case(G, "utf16le-no-bom", feed(T_LATIN, decl=decl("UTF-16")).encode("utf-16-le"),
     feed=charset("UTF-16LE", "xml-declaration"), items=[{"title": T_LATIN}],
     description="UTF-16 without a BOM: the byte order from the zero bytes of '<?'")

case(G, "utf16be-no-bom-no-declaration", feed("Без объявления", decl="").encode("utf-16-be"),
     feed=charset("UTF-16BE", "detected"), items=[{"title": "Без объявления"}],
     description="UTF-16BE without BOM or declaration")

case(G, "utf32be-bom", "\ufeff".encode("utf-32-be") + feed("UTF-32 😀 emoji", decl=decl("UTF-32"))
     .encode("utf-32-be"), feed=charset("UTF-32BE", "bom"), items=[{"title": "UTF-32 😀 emoji"}],
     description="UTF-32BE with a BOM, a character outside the BMP")

case(G, "utf32le-bom", "\ufeff".encode("utf-32-le") + feed(T_LATIN, decl=decl("UTF-32"))
     .encode("utf-32-le"), feed=charset("UTF-32LE", "bom"), items=[{"title": T_LATIN}],
     description="UTF-32LE with a BOM")

case(G, "iso-8859-1-declared", feed(T_LATIN.replace("–", "-"), decl=decl("ISO-8859-1"))
     .encode("latin-1"), feed=charset("windows-1252", "xml-declaration"),
     items=[{"title": T_LATIN.replace("–", "-")}],
     description="ISO-8859-1 declared and used (read as windows-1252, its superset)")

case(G, "cp1252-labelled-latin1", feed(T_CP1252, decl=decl("ISO-8859-1")).encode("cp1252"),
     feed=charset("windows-1252", "xml-declaration"), items=[{"title": T_CP1252}],
     description="windows-1252 smart quotes, dashes, euro in a feed labelled ISO-8859-1")

case(G, "cp1252-labelled-latin1-http", feed(T_CP1252, decl="").encode("cp1252"),
     content_type="text/xml; charset=iso-8859-1",
     feed=charset("windows-1252", "http"), items=[{"title": T_CP1252}],
     description="windows-1252 bytes labelled ISO-8859-1 by the HTTP header")

case(G, "windows-1252-declared", feed(T_CP1252, decl=decl("windows-1252")).encode("cp1252"),
     feed=charset("windows-1252", "xml-declaration"), items=[{"title": T_CP1252}],
     description="windows-1252 declared")

case(G, "iso-8859-15-declared", feed("Prix : 20 € œuvre", decl=decl("ISO-8859-15"))
     .encode("iso8859_15"), feed=charset("ISO-8859-15", "xml-declaration"),
     items=[{"title": "Prix : 20 € œuvre"}], description="ISO-8859-15 (euro at 0xA4)")

case(G, "shift-jis-declared", feed("東京の天気は晴れです", decl=decl("Shift_JIS"),
                                   summary="日本のニュース").encode("shift_jis"),
     feed=charset("windows-31j", "xml-declaration"),
     items=[{"title": "東京の天気は晴れです", "summary": "日本のニュース"}],
     description="Shift_JIS declared (read as windows-31j, as browsers do)")

case(G, "euc-jp-declared", feed("大阪の祭りが始まる", decl=decl("EUC-JP")).encode("euc_jp"),
     feed=charset("EUC-JP", "xml-declaration"), items=[{"title": "大阪の祭りが始まる"}],
     description="EUC-JP declared")

case(G, "euc-kr-declared", feed("서울 뉴스 속보", decl=decl("EUC-KR")).encode("euc_kr"),
     feed=charset("x-windows-949", "xml-declaration"), items=[{"title": "서울 뉴스 속보"}],
     description="EUC-KR declared (read as windows-949)")

case(G, "gb2312-declared", feed("北京新闻：今天天气很好", decl=decl("GB2312")).encode("gb2312"),
     feed=charset("GBK", "xml-declaration"), items=[{"title": "北京新闻：今天天气很好"}],
     description="GB2312 declared (read as GBK)")

case(G, "big5-declared", feed("台北新聞快報", decl=decl("Big5")).encode("big5"),
     feed=charset("Big5-HKSCS", "xml-declaration"), items=[{"title": "台北新聞快報"}],
     description="Big5 declared")

case(G, "koi8-r-declared", feed("Новости Москвы", decl=decl("KOI8-R")).encode("koi8_r"),
     feed=charset("KOI8-R", "xml-declaration"), items=[{"title": "Новости Москвы"}],
     description="KOI8-R declared")

case(G, "windows-1251-http", feed("Новости Киева", decl="").encode("cp1251"),
     content_type="application/rss+xml; charset=windows-1251",
     feed=charset("windows-1251", "http"), items=[{"title": "Новости Киева"}],
     description="windows-1251 from the HTTP header, no declaration")

case(G, "iso-8859-7-declared", feed("Ειδήσεις από την Αθήνα", decl=decl("ISO-8859-7"))
     .encode("iso8859_7"), feed=charset("ISO-8859-7", "xml-declaration"),
     items=[{"title": "Ειδήσεις από την Αθήνα"}], description="Greek ISO-8859-7")

case(G, "single-quoted-declaration", feed(T_LATIN.replace("–", "-"),
                                           decl=decl("iso-8859-1", quote="'")).encode("latin-1"),
     feed=charset("windows-1252", "xml-declaration"),
     items=[{"title": T_LATIN.replace("–", "-")}],
     description="an encoding declaration in single quotes, lower case")

case(G, "bogus-label-utf8-bytes", feed(T_LATIN, decl=decl("utf-9")),
     feed=charset("UTF-8", "detected"), items=[{"title": T_LATIN}],
     recoveries=["bogus-charset-label"],
     description="an unknown charset label over UTF-8 bytes falls back to detection")

case(G, "bogus-label-cp1252-bytes", feed(T_CP1252, decl=decl("latin-9x"),
                                         summary="Ein Bericht über Äpfel und Öl, "
                                                 "größer als gedacht.").encode("cp1252"),
     feed={"explain": {"charset": "windows-1252", "charsetSource": "detected"}},
     items=[{"title": T_CP1252}], recoveries=["bogus-charset-label"],
     description="an unknown label over windows-1252 bytes: detected, not a failure")

case(G, "http-latin1-declared-utf8", feed(T_LATIN, decl=decl("UTF-8")),
     content_type="text/xml; charset=ISO-8859-1",
     feed=charset("UTF-8", "xml-declaration"), items=[{"title": T_LATIN}],
     recoveries=["charset-overridden"],
     description="a server default ISO-8859-1 over a UTF-8 feed that says so: the bytes decide")

case(G, "http-latin1-undeclared-utf8", feed(T_LATIN, decl=""),
     content_type="text/xml; charset=ISO-8859-1",
     feed=charset("UTF-8", "detected"), items=[{"title": T_LATIN}],
     recoveries=["charset-overridden"],
     description="HTTP ISO-8859-1, no declaration, valid multi-byte UTF-8")

case(G, "http-utf8-declared-latin1", feed(T_LATIN.replace("–", "-"), decl=decl("ISO-8859-1"))
     .encode("latin-1"), content_type="application/xml; charset=utf-8",
     feed=charset("windows-1252", "xml-declaration"),
     items=[{"title": T_LATIN.replace("–", "-")}], recoveries=["charset-overridden"],
     description="HTTP says UTF-8 but the bytes are the Latin-1 the declaration names")

case(G, "http-agrees-with-declaration", feed(T_CP1252, decl=decl("windows-1252"))
     .encode("cp1252"), content_type="text/xml; charset=windows-1252",
     feed=charset("windows-1252", "http"), items=[{"title": T_CP1252}],
     description="HTTP and declaration agree")

case(G, "http-charset-quoted", feed(T_LATIN, decl=""),
     content_type='application/rss+xml; charset="UTF-8"; foo=bar',
     feed=charset("UTF-8", "http"), items=[{"title": T_LATIN}],
     description="a quoted HTTP charset parameter")

case(G, "http-utf16-but-8bit", feed(T_LATIN, decl=decl("UTF-8")),
     content_type="text/xml; charset=utf-16",
     feed=charset("UTF-8", "xml-declaration"), items=[{"title": T_LATIN}],
     recoveries=["charset-overridden"],
     description="HTTP says UTF-16 but the bytes are 8-bit")

case(G, "text-xml-without-charset", feed(T_LATIN, decl=decl("UTF-8")),
     content_type="text/xml",
     feed=charset("UTF-8", "xml-declaration"), items=[{"title": T_LATIN}],
     description="text/xml without charset is not read as US-ASCII (RFC 3023), as browsers do")

case(G, "declared-utf8-actually-cp1252", feed(T_CP1252, decl=decl("UTF-8"),
                                              summary="Un résumé à propos de l'été, très "
                                                      "chaud.").encode("cp1252"),
     feed={"explain": {"charset": "windows-1252", "charsetSource": "detected"}},
     items=[{"title": T_CP1252}], recoveries=["charset-overridden"],
     description="declared UTF-8, bytes windows-1252 with no valid UTF-8 sequence")

case(G, "mixed-utf8-cp1252", XML.encode() + rss(item("Ünïcödé ‘title’ ok", "https://mix.example/1",
                                                    "<description>DESC</description>"),
                                               decl="").encode("utf-8").replace(
    b"DESC", "It".encode("utf-8") + b"\x92s a caf\xe9"),
     feed=charset("UTF-8", "xml-declaration"),
     items=[{"title": "Ünïcödé ‘title’ ok", "summary": "It’s a café"}],
     recoveries=["mixed-encoding"],
     description="UTF-8 with a few stray windows-1252 bytes pasted in")

case(G, "no-declaration-cp1252", feed(T_CP1252, decl="",
                                      summary="Les élèves étaient très contents de "
                                              "l'année écoulée.").encode("cp1252"),
     feed={"explain": {"charset": "windows-1252", "charsetSource": "detected"}},
     items=[{"title": T_CP1252}],
     description="no label at all, windows-1252 bytes")

case(G, "c1-character-references", feed("&#147;Quoted&#148; &#150; &#128;5 &#8364;6"),
     items=[{"title": "“Quoted” – €5 €6"}], recoveries=["character-references-fixed"],
     description="numeric references to C1 code points mean windows-1252, as in HTML")

case(G, "leading-whitespace-before-declaration", "\n\n   " + feed(T_LATIN, decl=decl("UTF-8")),
     feed=charset("UTF-8", "xml-declaration"), items=[{"title": T_LATIN}],
     description="whitespace before the XML declaration (a fatal error for a strict parser)")

G = "entities"

case(G, "html-entities-title", feed("Caf&eacute; &amp; Bar&nbsp;&hellip; &copy; 2024"),
     items=[{"title": "Café & Bar … © 2024"}], recoveries=["html-entities-converted"],
     description="undeclared HTML entities in a title")

case(G, "html-entities-description", rss(item(
    "Quotes", "https://ent.example/q",
    "<description>It&rsquo;s &ldquo;fine&rdquo; &mdash; &euro;10&trade; &frac12; "
    "&times; &larr;</description>")),
     items=[{"summary": "It’s “fine” — €10™ ½ × ←"}], recoveries=["html-entities-converted"],
     description="typographic HTML entities in a description")

case(G, "html5-entities", feed("&NotEqualTilde; &bigstar; &Eacute;cole &COPY; &hearts;"),
     items=[{"title": "\u2242\u0338 ★ École © ♥"}], recoveries=["html-entities-converted"],
     description="HTML5-only and upper-case entity names (the whole HTML5 table)")

case(G, "bare-ampersand-text", rss(item(
    "Fish & Chips", "https://ent.example/f",
    "<description>R&D and M&amp;A, plus AT&T</description>")),
     items=[{"title": "Fish & Chips", "summary": "R&D and M&A, plus AT&T"}],
     recoveries=["bare-ampersands-escaped"],
     description="bare & in text")

case(G, "bare-ampersand-url", rss(item("Query", "https://ent.example/a?x=1&y=2&amp;z=3")),
     items=[{"url": "https://ent.example/a?x=1&y=2&z=3"}],
     recoveries=["bare-ampersands-escaped"],
     description="bare & in a link's query")

case(G, "double-escaped-title", feed("Tom &amp;amp; Jerry &amp;quot;live&amp;quot;"),
     items=[{"title": "Tom & Jerry \"live\""}],
     description="a title escaped twice")

case(G, "double-escaped-html", rss(item(
    "Double", "https://ent.example/d",
    "<description>&amp;lt;p&amp;gt;Hello &amp;lt;b&amp;gt;world&amp;lt;/b&amp;gt;"
    "&amp;lt;/p&amp;gt;</description>")),
     items=[{"summary": "Hello world", "summaryHtml": "<p>Hello <b>world</b></p>"}],
     recoveries=["double-escaped-html"],
     description="HTML escaped twice in a description")

case(G, "unknown-entity", feed("Price &foo; here &amp; &bar;"),
     items=[{"title": "Price &foo; here & &bar;"}], recoveries=["unknown-entities-escaped"],
     description="entity names neither XML nor HTML knows stay as text")

case(G, "invalid-character-references", feed("A&#0;B&#x1;C&#xFFFF;D&#xD800;E&#65;"),
     items=[{"title": "ABCDEA"}], recoveries=["character-references-fixed"],
     description="references to code points XML forbids are removed")

case(G, "reference-without-semicolon", feed("Caf&#233 and na&#xEF;ve"),
     items=[{"title": "Café and naïve"}], recoveries=["character-references-fixed"],
     description="a numeric reference missing its semicolon")

case(G, "entities-inside-cdata", feed("<![CDATA[Caf&eacute; &amp; <i>more</i>]]>"),
     items=[{"title": "Café & more"}],
     description="HTML entities inside CDATA are HTML, decoded with it")

case(G, "entities-in-attributes", rss(item(
    "Attr", "https://ent.example/attr",
    '<enclosure url="https://cdn.ent.example/a.mp3?x=1&y=2&amp;z=&eacute;" type="audio/mpeg"'
    ' length="10"/>')),
     items=[{"enclosures": [{"url": "https://cdn.ent.example/a.mp3?x=1&y=2&z=%C3%A9",
                             "type": "audio/mpeg", "length": 10, "medium": "audio"}]}],
     recoveries=["bare-ampersands-escaped", "html-entities-converted"],
     description="bare & and HTML entities inside attribute values")

case(G, "xml-predefined-only", feed("&lt;&gt; &amp; &quot;q&quot; &apos;a&apos;"),
     items=[{"title": "<> & \"q\" 'a'"}],
     description="the five XML entities need no repair")

case(G, "nbsp-only-title", rss(item("&nbsp;", "https://ent.example/n",
                                    "<description>Has a summary</description>")),
     items=[{"title": None, "summary": "Has a summary"}],
     recoveries=["html-entities-converted"],
     description="a title that is only a non-breaking space is no title")

case(G, "legacy-entity-without-semicolon", rss(item(
    "Legacy", "https://ent.example/l", "<description>&copy 2024 Example Corp</description>")),
     items=[{"summary": "© 2024 Example Corp"}], recoveries=["bare-ampersands-escaped"],
     description="&copy without semicolon in HTML is ©, as browsers read it")

case(G, "entity-in-category-and-author", rss(item(
    "Cats", "https://ent.example/c",
    "<category>Arts &amp; Culture</category><category>Caf&eacute;s</category>"
    "<dc:creator>Ren&eacute;e O&rsquo;Brien</dc:creator>"),
    attrs=' version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"'),
     items=[{"categories": ["Arts & Culture", "Cafés"], "authors": ["Renée O’Brien"]}],
     recoveries=["html-entities-converted"],
     description="entities in categories and authors")
