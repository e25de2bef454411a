package org.electora.publication;

import org.electora.platform.Digests;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped schemas are the official ones, and the validators accept NIST's own example with zero errors. */
class NistErrConformanceTest {

    @Test
    void shippedFilesAreTheOfficialBytes() {
        assertThat(Digests.sha256(ErrSchemas.bytes("NIST_V2_election_results_reporting.json")))
                .isEqualTo("55c1c6382bf5ba369ae05d58c3f4bab6b487a2e8c01720ee87209b9a85e5d3db");
        assertThat(Digests.sha256(ErrSchemas.bytes("NIST_V2_election_results_reporting.xsd")))
                .isEqualTo("4520a63c6b233a200cba2027bb851b24ae298fae51ff09863e71858b3d7a38a6");
        assertThat(Digests.sha256(ErrSchemas.bytes("err-gen-03.json")))
                .isEqualTo("2263c8a2ae88f914706a4ab65bf75b717aaf22599c915615ed32dbaca0db6294");
        assertThat(Digests.sha256(ErrSchemas.bytes("err-gen-03.xml")))
                .isEqualTo("aba8d6b15e561f0439a4c0e6d1ee2cbc1d67985ee95fff07ce123aa4e9ee348b");
    }

    @Test
    void officialJsonExampleValidatesWithZeroErrors() {
        assertThat(ErrSchemas.jsonErrors(ErrSchemas.bytes("err-gen-03.json"))).isEmpty();
    }

    @Test
    void officialXmlExampleValidatesAgainstTheXsd() {
        assertThat(ErrSchemas.xmlErrors(ErrSchemas.bytes("err-gen-03.xml"))).isEmpty();
    }

    @Test
    void theJsonValidatorRejectsABrokenReport() {
        String broken = new String(ErrSchemas.bytes("err-gen-03.json"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"unofficial-complete\"", "\"almost-done\"");
        assertThat(ErrSchemas.jsonErrors(broken.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isNotEmpty();
    }

    @Test
    void theXmlValidatorRejectsABrokenReport() {
        String official = new String(ErrSchemas.bytes("err-gen-03.xml"), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(official).contains("<enr:Status>unofficial-complete</enr:Status>", "<enr:Count>10</enr:Count>");

        String badStatus = official.replace("<enr:Status>unofficial-complete</enr:Status>", "<enr:Status>almost-done</enr:Status>");
        assertThat(ErrSchemas.xmlErrors(badStatus.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .anySatisfy(e -> assertThat(e).contains("almost-done"));

        String badCount = official.replaceFirst("<enr:Count>10</enr:Count>", "<enr:Count>ten</enr:Count>");
        assertThat(ErrSchemas.xmlErrors(badCount.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .anySatisfy(e -> assertThat(e).contains("ten"));

        String unknownElement = official.replace("<enr:Status>unofficial-complete</enr:Status>",
                "<enr:Status>unofficial-complete</enr:Status><enr:Turnout>55</enr:Turnout>");
        assertThat(ErrSchemas.xmlErrors(unknownElement.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isNotEmpty();

        String cut = official.substring(0, official.length() / 2);
        assertThat(ErrSchemas.xmlErrors(cut.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .anySatisfy(e -> assertThat(e).startsWith("fatal"));
    }
}
