package org.electora.publication.internal;

import java.time.OffsetDateTime;
import java.util.List;

import org.electora.publication.ResultsSnapshot;
import org.electora.publication.SnapshotStatus;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Published snapshots for everyone, no sign-in: the stored bytes exactly, cacheable by ETag. */
@RestController
@RequestMapping("/api/v1/public/elections/{election}/snapshots")
class PublicSnapshotController {

    record Listed(int sequence, OffsetDateTime generatedAt, SnapshotStatus status, String sha256, String href) {
    }

    private final PublicSnapshots snapshots;

    PublicSnapshotController(PublicSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    @GetMapping
    ResponseEntity<List<Listed>> list(@PathVariable long election) {
        List<Listed> listed = snapshots.list(election).stream().map(s -> new Listed(s.sequence(), s.generatedAt(),
                s.status(), s.sha256(), "/api/v1/public/elections/" + election + "/snapshots/" + s.sequence())).toList();
        return ResponseEntity.ok().cacheControl(CachedResponses.SHORT).body(listed);
    }

    @GetMapping("/{ref:latest|\\d+}")
    ResponseEntity<byte[]> snapshot(@PathVariable long election, @PathVariable String ref,
                                    @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
                                    @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding) {
        ResultsSnapshot s = snapshots.resolve(election, ref);
        return CachedResponses.of(ifNoneMatch, acceptEncoding, s.sha256(), "latest".equals(ref) ? CachedResponses.SHORT : CachedResponses.IMMUTABLE,
                MediaType.APPLICATION_JSON, snapshots.content(s));
    }
}
