"""Dates: RFC 822 variants, named zones, missing zones, ISO 8601, garbage, far future."""
from corpus_base import XML, case, rss

G = "dates"


def dated(dates, element="pubDate", ns=""):
    """An RSS feed with one item per date, titled d0, d1…"""
    items = "".join(
        f"<item><title>d{i}</title><link>https://dates.example/{i}</link>"
        f"<{element}>{d}</{element}></item>\n" for i, d in enumerate(dates))
    return rss(items, attrs=' version="2.0"' + ns)


def expect(instants, flags=None):
    return [{"title": f"d{i}", "published": p, "flags": (flags[i] if flags else [])}
            for i, p in enumerate(instants)]


case(G, "rfc822-variants", dated([
    "Tue, 10 Jun 2003 04:00:00 GMT",
    "Tue, 10 Jun 2003 04:00:00 +0200",
    "10 Jun 2003 04:00:00 -0500",
    "Wed, 10 Jun 2003 04:00:00 GMT",
    "Tue, 10 Jun 03 04:00:00 GMT",
    "Tue, 3 Jun 2003 4:05 GMT",
    "Tuesday, 10 June 2003 04:00:00 GMT",
    "tue, 10 jun 2003 04:00:00 gmt",
    "Tue, 10 Jun 2003 04:00:00 UT",
    "Tue, 10 Jun 2003 04:00:00 Z",
    "Tue,10 Jun 2003 04:00:00 +00:00",
    "  Tue, 10  Jun  2003  04:00:00  GMT  ",
]), items=expect([
    "2003-06-10T04:00:00Z", "2003-06-10T02:00:00Z", "2003-06-10T09:00:00Z",
    "2003-06-10T04:00:00Z", "2003-06-10T04:00:00Z", "2003-06-03T04:05:00Z",
    "2003-06-10T04:00:00Z", "2003-06-10T04:00:00Z", "2003-06-10T04:00:00Z",
    "2003-06-10T04:00:00Z", "2003-06-10T04:00:00Z", "2003-06-10T04:00:00Z"]),
     description="RFC 822 variants: offsets, no weekday, wrong weekday, two-digit year, single-digit"
                 " day and hour, no seconds, full names, lower case, odd spacing")

case(G, "named-zones", dated([f"Mon, 15 Jan 2024 12:00:00 {z}" for z in [
    "EST", "EDT", "CST", "PST", "PDT", "CET", "CEST", "BST", "JST", "IST", "WIB", "AEST", "MSK",
    "HKT", "NZDT"]]), items=expect([
        "2024-01-15T17:00:00Z", "2024-01-15T16:00:00Z", "2024-01-15T18:00:00Z",
        "2024-01-15T20:00:00Z", "2024-01-15T19:00:00Z", "2024-01-15T11:00:00Z",
        "2024-01-15T10:00:00Z", "2024-01-15T11:00:00Z", "2024-01-15T03:00:00Z",
        "2024-01-15T06:30:00Z", "2024-01-15T05:00:00Z", "2024-01-15T02:00:00Z",
        "2024-01-15T09:00:00Z", "2024-01-15T04:00:00Z", "2024-01-14T23:00:00Z"]),
     description="named zones normalised to UTC (CST is US Central, IST is India)")

case(G, "no-zone", dated([
    "Mon, 15 Jan 2024 12:00:00",
    "2024-01-15T12:00:00",
    "2024-01-15 12:00",
    "Mon, 15 Jan 2024 12:00:00 XYZ",
]), items=expect(["2024-01-15T12:00:00Z"] * 4, [["date-without-zone"]] * 4),
     recoveries=["dates-without-zone"],
     description="a time without a zone (or with an unknown one) is taken as UTC and flagged")

case(G, "iso-variants", XML + '<feed xmlns="http://www.w3.org/2005/Atom"><title>ISO</title>\n' + "".join(
    f'<entry><title>d{i}</title><link href="https://iso.example/{i}"/><id>urn:iso:{i}</id>'
    f'<published>{d}</published></entry>\n' for i, d in enumerate([
        "2003-06-10T04:00:00Z",
        "2003-06-10T04:00:00+02:00",
        "2003-06-10T04:00:00.123456-03:30",
        "2003-06-10 04:00:00Z",
        "2003-06-10",
        "2003-06-10T04:00Z",
        "2003-06-10t04:00:00z",
        "20030610T040000Z",
        "2003-06-10T04:00:00+0200",
        "2003-06-10T04:00:00+02",
        "2003-06",
        "2003-06-10T04:00:00,5Z",
    ])) + "</feed>\n", items=expect([
        "2003-06-10T04:00:00Z", "2003-06-10T02:00:00Z", "2003-06-10T07:30:00.123456Z",
        "2003-06-10T04:00:00Z", "2003-06-10T00:00:00Z", "2003-06-10T04:00:00Z",
        "2003-06-10T04:00:00Z", "2003-06-10T04:00:00Z", "2003-06-10T02:00:00Z",
        "2003-06-10T02:00:00Z", "2003-06-01T00:00:00Z", "2003-06-10T04:00:00.500Z"]),
     description="W3C/ISO 8601 variants in Atom: fractions, offsets with and without colon, space,"
                 " lower case, basic format, partial dates")

case(G, "garbage", dated([
    "not a date",
    "0000-00-00 00:00:00",
    "2024-13-45T00:00:00Z",
    "Mon, 32 Jan 2024 10:00:00 GMT",
    "",
    "Posted 5 minutes ago",
    "25:61",
]), items=expect([None] * 7, [["date-unparseable"]] * 4 + [[]] + [["date-unparseable"]] * 2),
     recoveries=["unparseable-dates"],
     description="dates that are not dates are left empty and flagged; the items are kept")

case(G, "far-future", dated([
    "Thu, 01 Jan 2099 00:00:00 GMT",
    "Mon, 15 Jan 2024 10:00:00 GMT",
    "Fri, 31 Dec 9999 23:59:59 GMT",
]), items=expect(["2099-01-01T00:00:00Z", "2024-01-15T10:00:00Z", "9999-12-31T23:59:59Z"],
                 [["future-date"], [], ["future-date"]]),
     description="far-future dates are kept and flagged future-date (the test's clock is"
                 " 2025-01-01)")

case(G, "other-formats", dated([
    "January 15, 2024 10:00 AM EST",
    "Mon Jan 15 10:00:00 EST 2024",
    "2024/01/15 10:00:00 +0100",
    "15.01.2024 10:00 +0100",
    "1705312800",
    "15 Mär 2024 10:00:00 +0100",
    "Senin, 15 Januari 2024 10:00 WIB",
    "Mon, 15 Jan 2024 10:00:00 +0000 (UTC)",
    "Mon, 15 Jan 2024 10:00:00 GMT+1",
    "2024-01-15T10:00:00 UTC+05:30",
    "Jan 15, 2024",
    "15/01/2024 10:00 GMT",
    "01/02/2024 10:00 GMT",
    "Mon, 15 Jan 2024 23:59:60 GMT",
    "Mon, 15 Jan 2024 24:00:00 GMT",
    "Monday, January 15th, 2024 at 3:45pm PST",
    "Sun, 14 Jan 2024 22:00:00 -0800",
    "15 janvier 2024",
]), items=expect([
    "2024-01-15T15:00:00Z", "2024-01-15T15:00:00Z", "2024-01-15T09:00:00Z",
    "2024-01-15T09:00:00Z", "2024-01-15T10:00:00Z", "2024-03-15T09:00:00Z",
    "2024-01-15T03:00:00Z", "2024-01-15T10:00:00Z", "2024-01-15T09:00:00Z",
    "2024-01-15T04:30:00Z", "2024-01-15T00:00:00Z", "2024-01-15T10:00:00Z",
    "2024-01-02T10:00:00Z", "2024-01-15T23:59:59Z", "2024-01-16T00:00:00Z",
    "2024-01-15T23:45:00Z", "2024-01-15T06:00:00Z", "2024-01-15T00:00:00Z"]),
     description="dates feeds write that are neither RFC 822 nor ISO: US, asctime, numeric, epoch,"
                 " German, Indonesian, French, GMT+1, leap second, 24:00, am/pm")

case(G, "dc-date-fallback", rss(
    "<item><title>d0</title><link>https://dc.example/0</link>"
    "<dc:date>2024-01-15T10:00:00+01:00</dc:date></item>\n"
    "<item><title>d1</title><link>https://dc.example/1</link><pubDate>garbage</pubDate>"
    "<dc:date>2024-01-16T10:00:00Z</dc:date></item>\n"
    "<item><title>d2</title><link>https://dc.example/2</link>"
    "<atom:updated>2024-01-17T10:00:00Z</atom:updated></item>\n",
    attrs=' version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"'
          ' xmlns:atom="http://www.w3.org/2005/Atom"'),
     items=[{"published": "2024-01-15T09:00:00Z", "flags": []},
            {"published": "2024-01-16T10:00:00Z", "flags": []},
            {"published": "2024-01-17T10:00:00Z", "updated": "2024-01-17T10:00:00Z"}],
     description="dc:date when there is no pubDate (or an unreadable one), atom:updated last")

case(G, "two-digit-years", dated([
    "Thu, 01 Jan 70 00:00:00 GMT",
    "Fri, 31 Dec 49 12:00:00 GMT",
    "Sat, 01 Jan 50 00:00:00 GMT",
    "Mon, 15 Jan 24 10:00:00 +0100",
]), items=expect(["1970-01-01T00:00:00Z", "2049-12-31T12:00:00Z", "1950-01-01T00:00:00Z",
                  "2024-01-15T09:00:00Z"], [[], ["future-date"], [], []]),
     description="two-digit years: 00–49 are 20xx, 50–99 19xx (RFC 5322)")

case(G, "channel-dates", rss(
    "<item><title>d0</title><link>https://ch.example/0</link></item>\n",
    channel="<pubDate>Sun, 14 Jan 2024 10:00:00 GMT</pubDate>\n"
            "<lastBuildDate>Mon, 15 Jan 2024 10:00:00 CET</lastBuildDate>\n"),
     feed={"updated": "2024-01-15T09:00:00Z"},
     items=[{"published": None, "flags": []}],
     description="the channel's lastBuildDate is the feed's update time")

case(G, "more-formats", dated([
    "Monday, 15-Jan-24 10:00:00 UTC",
    "2024-01-15 10:00:00.0",
    "Jan 15th 2024, 10:00am",
    "20 hours ago",
    "Tue, 16 Jan 2024 03:00:00 +0700 (WIB)",
]), items=expect(["2024-01-15T10:00:00Z", "2024-01-15T10:00:00Z", "2024-01-15T10:00:00Z", None,
                  "2024-01-15T20:00:00Z"],
                 [[], ["date-without-zone"], ["date-without-zone"], ["date-unparseable"], []]),
     recoveries=["dates-without-zone", "unparseable-dates"],
     description="RFC 850, an SQL timestamp, an ordinal day, a relative date, offset and name")
