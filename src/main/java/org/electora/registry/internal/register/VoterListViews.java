package org.electora.registry.internal.register;

import java.util.List;

/** What the voter-list pages show (public for the templates): counts, printings, the change log; no names. */
public final class VoterListViews {

    private VoterListViews() {
    }

    public record StationRow(long stationId, int number, String code, String name, boolean resettledArea, int voters,
                             int supplementary, int transferred, int displaced, int printedVersion) {
    }

    public record PrintRow(int version, String printedAt, String printedBy, String sha256, int voters, int supplementary,
                           int changes) {
    }

    public record ChangeRow(String listNumber, String kind, String at, String by, String why) {
    }

    public record StationPage(long electionId, String electionName, long stationId, int number, String code, String name,
                              String address, String zone, boolean resettledArea, int voters, int supplementary,
                              int transferred, int displaced, List<PrintRow> prints, List<ChangeRow> changes,
                              boolean additionsOpen, boolean added) {
    }
}
