"""Helpers of the hard-feed corpus generator (see make_feed_corpus.py)."""
import gzip
import json
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "feeds")
CASES = []


def case(group, name, body, *, items=None, feed=None, recoveries=(), error=None,
         content_type=None, feed_url=None, ext="xml", description=""):
    """One corpus entry: the feed file and what parsing it must give.

    body: str (written as UTF-8) or bytes (written as they are).
    items: the expected items, in order (the count is asserted too); each a dict of the fields
      to check (id, url, title, published, updated, summary, summaryHtml, content, authors,
      categories, enclosures, image, language, flags). A string value {"$contains": "x"} checks a
      substring.
    feed: the expected feed fields (format, version, title, link, language, updated, ttlMinutes,
      updatePeriod, updateFrequency, sitemaps, itemCount, and explain.charset / charsetSource).
    recoveries: the exact set of recovery codes the parse must report.
    error: a substring of the FeedParseException message when the parse must fail.
    """
    assert description, f"{group}/{name}: say what the case is about"
    assert error is not None or items is not None, f"{group}/{name}: expect items or an error"
    CASES.append(dict(group=group, name=name, body=body, items=items, feed=feed or {},
                      recoveries=sorted(set(recoveries)), error=error,
                      content_type=content_type, feed_url=feed_url, ext=ext,
                      description=description))


def feed_url_of(c):
    return c["feed_url"] or f"https://example.com/feeds/{c['name']}.{c['ext']}"


def write_all():
    names = set()
    for c in CASES:
        key = (c["group"], c["name"])
        assert key not in names, f"duplicate case {key}"
        names.add(key)
        d = os.path.join(ROOT, c["group"])
        os.makedirs(d, exist_ok=True)
        body = c["body"]
        data = body if isinstance(body, bytes) else body.encode("utf-8")
        with open(os.path.join(d, f"{c['name']}.{c['ext']}"), "wb") as f:
            f.write(data)
        expect = {"description": c["description"], "file": f"{c['name']}.{c['ext']}",
                  "feedUrl": feed_url_of(c)}
        if c["content_type"] is not None:
            expect["contentType"] = c["content_type"]
        if c["error"] is not None:
            expect["error"] = c["error"]
        else:
            expect["recoveries"] = c["recoveries"]
            expect["feed"] = c["feed"]
            expect["items"] = c["items"]
        with open(os.path.join(d, f"{c['name']}.expect.json"), "w", encoding="utf-8") as f:
            json.dump(expect, f, ensure_ascii=False, indent=2)
            f.write("\n")
    return len(CASES)


def gz(data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return gzip.compress(data, mtime=0)


def contains(s):
    return {"$contains": s}


XML = '<?xml version="1.0" encoding="UTF-8"?>\n'


def rss(items, *, channel="", attrs=' version="2.0"', decl=XML, title="Example News",
        link="https://example.com/"):
    """An RSS document around item XML."""
    return (f'{decl}<rss{attrs}>\n<channel>\n<title>{title}</title>\n<link>{link}</link>\n'
            f'<description>News from Example</description>\n{channel}{items}</channel>\n</rss>\n')


def item(title="A story", link="https://example.com/a", extra=""):
    parts = ["<item>"]
    if title is not None:
        parts.append(f"<title>{title}</title>")
    if link is not None:
        parts.append(f"<link>{link}</link>")
    parts.append(extra)
    parts.append("</item>\n")
    return "".join(parts)
