package org.electora.publication.internal;

import org.electora.publication.SnapshotContent;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Snapshot content as canonical JSON: properties and map keys sorted, UTF-8, no insignificant whitespace. */
final class CanonicalJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private CanonicalJson() {
    }

    static byte[] bytes(SnapshotContent content) {
        return MAPPER.writeValueAsBytes(content);
    }

    static SnapshotContent parse(byte[] bytes) {
        return MAPPER.readValue(bytes, SnapshotContent.class);
    }
}
