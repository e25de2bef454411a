package org.electora.publication.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.electora.platform.Ui;
import org.electora.publication.Publishing;
import org.electora.publication.ResultsSnapshot;
import org.electora.publication.SnapshotContent;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Open-data downloads derived from a snapshot (docs/open-data.md). A derived file is a pure function of its snapshot,
 * so it is generated once per snapshot and format, kept in a small in-memory cache, and tagged with the snapshot's
 * SHA-256 plus the format.
 */
@RestController
class OpenDataController {

    private static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);
    private static final int CACHED_FILES = 48;

    private record Key(long electionId, int sequence, String format) {
    }

    private final PublicSnapshots snapshots;
    private final Publishing publishing;
    private final String language;
    private final ResultsPdf resultsPdf;
    private final Map<Key, byte[]> files = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, byte[]> eldest) {
            return size() > CACHED_FILES;
        }
    };

    OpenDataController(PublicSnapshots snapshots, Publishing publishing, ResultsPdf resultsPdf,
                       @Value("${electora.publication.language:en}") String language) {
        this.resultsPdf = resultsPdf;
        this.snapshots = snapshots;
        this.publishing = publishing;
        this.language = language;
    }

    @GetMapping("/open-data/elections/{election}/{ref}/stations.csv")
    ResponseEntity<byte[]> stations(@PathVariable long election, @PathVariable String ref,
                                    @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                                    @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding) {
        return file(election, ref, "csv", CSV, ifNoneMatch, acceptEncoding, (s, c) -> StationsCsv.write(c));
    }

    /** The snapshot's steps (quarantines, corrections, amendments, releases, annulments); a header only before format 2. */
    @GetMapping("/open-data/elections/{election}/{ref}/corrections.csv")
    ResponseEntity<byte[]> corrections(@PathVariable long election, @PathVariable String ref,
                                       @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                                       @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding) {
        return file(election, ref, "corrections-csv", CSV, ifNoneMatch, acceptEncoding, (s, c) -> StationsCsv.steps(c));
    }

    @GetMapping("/open-data/elections/{election}/{ref}/results.json")
    ResponseEntity<byte[]> nistJson(@PathVariable long election, @PathVariable String ref,
                                    @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                                    @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding) {
        return file(election, ref, "err-json", MediaType.APPLICATION_JSON, ifNoneMatch, acceptEncoding,
                (s, c) -> NistErr.json(NistErr.report(s, c, language)));
    }

    @GetMapping("/open-data/elections/{election}/{ref}/results.xml")
    ResponseEntity<byte[]> nistXml(@PathVariable long election, @PathVariable String ref,
                                   @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                                   @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding) {
        return file(election, ref, "err-xml", MediaType.APPLICATION_XML, ifNoneMatch, acceptEncoding,
                (s, c) -> NistErr.xml(NistErr.report(s, c, language)));
    }

    /**
     * The snapshot for the press and the gazette in the language of {@code ?lang=} (English without it); a certified
     * one is the CEC's result protocol. The language comes from the address alone, not from the reader's cookie or
     * browser, because numbered files are cached publicly as immutable: one address, one file.
     */
    @GetMapping("/open-data/elections/{election}/{ref}/results.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable long election, @PathVariable String ref,
                               @RequestParam(name = "lang", defaultValue = "en") String lang,
                               @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                               @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding) {
        Locale language = Ui.supported(Locale.forLanguageTag(lang));
        return file(election, ref, "pdf-" + language.getLanguage(), MediaType.APPLICATION_PDF, ifNoneMatch, acceptEncoding,
                (s, c) -> resultsPdf.render(s, c, language));
    }

    private interface Writer {
        byte[] write(ResultsSnapshot snapshot, SnapshotContent content);
    }

    private ResponseEntity<byte[]> file(long election, String ref, String format, MediaType type, String ifNoneMatch,
                                        String acceptEncoding, Writer writer) {
        ResultsSnapshot s = snapshots.resolve(election, ref);
        String etag = s.sha256() + "-" + format;
        Key key = new Key(election, s.sequence(), format);
        byte[] body;
        synchronized (files) {
            body = files.get(key);
        }
        if (body == null) {
            body = writer.write(s, publishing.parsed(s.electionId(), s.sequence()).orElseThrow());
            synchronized (files) {
                files.put(key, body);
            }
        }
        return CachedResponses.of(ifNoneMatch, acceptEncoding, etag, "latest".equals(ref) ? CachedResponses.SHORT : CachedResponses.IMMUTABLE,
                type, body);
    }
}
