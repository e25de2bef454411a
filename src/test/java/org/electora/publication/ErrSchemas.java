package org.electora.publication;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/** The NIST SP 1500-100 v2 ERR schemas shipped in src/main/resources/standards/nist-err, as validators. */
final class ErrSchemas {

    static final String DIR = "/standards/nist-err/";
    private static final Schema JSON_SCHEMA;
    private static final javax.xml.validation.Schema XSD;

    static {
        try (InputStream in = resource("NIST_V2_election_results_reporting.json")) {
            JSON_SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            URL xsd = ErrSchemas.class.getResource(DIR + "NIST_V2_election_results_reporting.xsd");
            XSD = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd);
        } catch (SAXException e) {
            throw new IllegalStateException(e);
        }
    }

    private ErrSchemas() {
    }

    static InputStream resource(String name) {
        InputStream in = ErrSchemas.class.getResourceAsStream(DIR + name);
        if (in == null) {
            throw new IllegalStateException("missing resource " + DIR + name);
        }
        return in;
    }

    static byte[] bytes(String name) {
        try (InputStream in = resource(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every JSON Schema error, as text (empty when valid). */
    static List<String> jsonErrors(byte[] json) {
        return JSON_SCHEMA.validate(new String(json, StandardCharsets.UTF_8), InputFormat.JSON).stream()
                .map(Object::toString).toList();
    }

    /** Every XSD error and warning with its line (empty when valid). */
    static List<String> xmlErrors(byte[] xml) {
        List<String> errors = new ArrayList<>();
        Validator validator = XSD.newValidator();
        validator.setErrorHandler(new ErrorHandler() {
            public void warning(SAXParseException e) {
                errors.add("warning line " + e.getLineNumber() + ": " + e.getMessage());
            }

            public void error(SAXParseException e) {
                errors.add("error line " + e.getLineNumber() + ": " + e.getMessage());
            }

            public void fatalError(SAXParseException e) {
                errors.add("fatal line " + e.getLineNumber() + ": " + e.getMessage());
            }
        });
        try {
            validator.validate(new StreamSource(new ByteArrayInputStream(xml)));
        } catch (SAXException | IOException e) {
            errors.add(e.toString());
        }
        return errors;
    }
}
