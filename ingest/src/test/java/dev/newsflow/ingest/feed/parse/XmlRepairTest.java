package dev.newsflow.ingest.feed.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.ingest.feed.ParseNote;
import org.jdom2.Document;
import org.junit.jupiter.api.Test;

/** What {@link XmlRepair} writes, checked on the text and by a strict parser. */
class XmlRepairTest {

    private static String repaired(String xml, ParseNotes notes) throws Exception {
        XmlRepair.Result r = XmlRepair.repair(xml, notes);
        Document doc = SecureXml.parse(r.xml()); // must be well-formed
        assertThat(doc.getRootElement().getQualifiedName()).isEqualTo(r.rootName());
        return r.xml();
    }

    @Test
    void shouldLeaveWellFormedXmlAsItIsBarTheDeclaration() throws Exception {
        String xml =
                "<?xml version=\"1.0\"?>\n<a x=\"1\"><!-- c --><b>t &amp; &#233;</b>"
                        + "<![CDATA[<&>]]><?pi data?></a>";
        ParseNotes notes = new ParseNotes();

        assertThat(repaired(xml, notes))
                .isEqualTo(xml.substring("<?xml version=\"1.0\"?>".length()));
        assertThat(notes.toList()).isEmpty();
    }

    @Test
    void shouldBindUndeclaredPrefixesOnTheRoot() throws Exception {
        ParseNotes notes = new ParseNotes();

        String out = repaired("<rss><media:content url=\"u\"/><zz:x/></rss>", notes);

        assertThat(out)
                .startsWith(
                        "<rss xmlns:media=\"http://search.yahoo.com/mrss/\""
                                + " xmlns:zz=\"urn:newsflow:undeclared-prefix:zz\">");
        assertThat(notes.toList())
                .extracting(ParseNote::detail)
                .containsExactly("prefixes used without a declaration: media, zz");
    }

    @Test
    void shouldCloseImpliedEndTags() throws Exception {
        ParseNotes notes = new ParseNotes();

        String out =
                repaired("<rss><item><title>a<link>l</link><item><title>b</title></rss>", notes);

        assertThat(out)
                .isEqualTo(
                        "<rss><item><title>a</title><link>l</link></item><item><title>b"
                                + "</title></item></rss>");
    }

    @Test
    void shouldFindTheDocumentAfterLeadingMarkup() {
        assertThat(XmlRepair.documentStart("<b>Notice</b>\n<?xml version=\"1.0\"?><rss/>"))
                .isEqualTo(14);
        assertThat(XmlRepair.documentStart("<b>Notice</b> <rss version=\"2.0\"></rss>"))
                .isEqualTo(14);
        assertThat(XmlRepair.documentStart("  <?xml version=\"1.0\"?><rss/>")).isZero();
        assertThat(XmlRepair.documentStart("<rss><b>x</b></rss>")).isZero();
    }

    @Test
    void shouldSniffTheRootPastTheProlog() {
        assertThat(
                        XmlRepair.sniffRoot(
                                "\uFEFF<?xml version=\"1.0\"?><!-- x --><!DOCTYPE a [<!ENTITY e"
                                        + " \"<b>\">]><?pi?><rdf:RDF/>"))
                .isEqualTo("rdf:RDF");
        assertThat(XmlRepair.sniffRoot("no markup")).isNull();
    }
}
