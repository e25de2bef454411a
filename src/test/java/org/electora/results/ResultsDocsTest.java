package org.electora.results;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/results.md shows the lifecycle exactly as {@link ProtocolLifecycle} defines it. */
class ResultsDocsTest {

    @Test
    void theDocumentedLifecycleDiagramIsTheTransitionTable() throws Exception {
        assertThat(Files.readString(Path.of("docs/results.md"))).contains(ProtocolLifecycle.mermaid());
    }
}
