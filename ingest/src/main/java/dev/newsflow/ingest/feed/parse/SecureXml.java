package dev.newsflow.ingest.feed.parse;

import dev.newsflow.ingest.feed.FeedParseException;
import dev.newsflow.ingest.feed.ParseNote;
import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import org.jdom2.Document;
import org.jdom2.JDOMException;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.XMLReaders;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Entities;
import org.jsoup.parser.Parser;
import org.xml.sax.SAXException;

/**
 * The one place feed XML becomes a JDOM tree, with a parser that cannot load or expand anything.
 *
 * <p>Guarantees, independent of {@link XmlRepair} (which already removes every DOCTYPE): DOCTYPE
 * declarations are a fatal error ({@code disallow-doctype-decl}), external general and parameter
 * entities and external DTDs are off, JAXP secure processing is on (entity expansion limits), any
 * entity resolution that still happened would fail, and entity references are not expanded.
 * XInclude is off. One builder per thread, reused.
 */
public final class SecureXml {
    private static final ThreadLocal<SAXBuilder> BUILDER =
            ThreadLocal.withInitial(SecureXml::newBuilder);

    private SecureXml() {}

    /**
     * Repairs decoded {@code text} with {@link XmlRepair} and parses it; when it is still not
     * well-formed, rebuilds it with {@link #parseRebuilt} (noted).
     *
     * @throws FeedParseException if there is no element or no way to read the XML
     */
    public static Document parseRepaired(String text, ParseNotes notes) throws FeedParseException {
        XmlRepair.Result repaired = XmlRepair.repair(text, notes);
        if (repaired.rootName() == null) {
            throw new FeedParseException("not a feed: no XML element in the document");
        }
        try {
            return parse(repaired.xml());
        } catch (JDOMException strict) {
            try {
                Document doc = parseRebuilt(repaired.xml());
                notes.add(
                        ParseNote.Code.MARKUP_REBUILT,
                        "not well-formed after repair ("
                                + ParseNotes.abbreviate(String.valueOf(strict.getMessage()))
                                + "): rebuilt by a lenient XML parser");
                return doc;
            } catch (JDOMException | RuntimeException lenient) {
                throw new FeedParseException("not well-formed XML: " + strict.getMessage(), strict);
            }
        }
    }

    /**
     * Parses well-formed {@code xml} (a string: its encoding declaration, if any, is ignored).
     *
     * @throws JDOMException if it is not well-formed, declares a DOCTYPE or holds a name or
     *     namespace URI JDOM refuses
     */
    public static Document parse(String xml) throws JDOMException {
        try {
            return BUILDER.get().build(new StringReader(xml));
        } catch (IOException e) {
            // a StringReader does not fail; an entity resolution attempt surfaces here
            throw new JDOMException("XML could not be read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // JDOM's Verifier throws IllegalNameException / IllegalDataException while building
            // for what the SAX parser let through, e.g. a namespace URI starting with a digit
            // (found by FeedParserPropertyTest): bad input, not a bug
            throw new JDOMException("XML not acceptable: " + e.getMessage(), e);
        }
    }

    /**
     * Parses {@code xml} that a strict parser refused: jsoup's XML tree builder reads it the way it
     * reads HTML (it closes what is open, skips what it cannot place) and writes it back out as
     * well-formed XML, which is then parsed strictly.
     *
     * @throws JDOMException if even the rebuilt document is not namespace-well-formed
     */
    public static Document parseRebuilt(String xml) throws JDOMException {
        org.jsoup.nodes.Document doc = Jsoup.parse(xml, "", Parser.xmlParser());
        doc.outputSettings()
                .syntax(org.jsoup.nodes.Document.OutputSettings.Syntax.xml)
                .escapeMode(Entities.EscapeMode.xhtml)
                .prettyPrint(false);
        return parse(doc.html());
    }

    private static SAXBuilder newBuilder() {
        SAXBuilder builder = new SAXBuilder(XMLReaders.NONVALIDATING);
        builder.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        builder.setFeature("http://xml.org/sax/features/external-general-entities", false);
        builder.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        builder.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        builder.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        builder.setEntityResolver(
                (publicId, systemId) -> {
                    throw new SAXException(
                            "external entity refused: " + (systemId == null ? publicId : systemId));
                });
        builder.setExpandEntities(false);
        builder.setReuseParser(true);
        return builder;
    }
}
