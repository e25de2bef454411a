package org.electora.geography;

public record Region(RegionId id, MapVersionId mapVersionId, String code, String name, int constituencies, int stations) {
}
