package org.electora.results;

import java.util.List;
import java.util.Optional;

/**
 * Submitting and deciding on protocols. Every method is one transaction, checks the caller's role and scope
 * against the station, records an audit event, and refuses bad input with a 4xx that changes nothing.
 */
public interface Protocols {

    SubmissionOutcome submit(ProtocolSubmission submission, ProtocolSource source);

    /** The constituency commission accepts a verified protocol. */
    ProtocolView accept(ProtocolId protocol, int expectedVersion);

    /** A recorded decision counts a quarantined protocol as it stands. */
    ProtocolView release(ProtocolId protocol, int expectedVersion, String reason, String decisionReference);

    /** A recorded decision excludes the station from every total. */
    ProtocolView annul(ProtocolId protocol, int expectedVersion, String reason, String decisionReference);

    /** Attaches the scan of the signed paper protocol to a version; returns its SHA-256. */
    String attachScan(ProtocolId protocol, int version, String mediaType, byte[] content);

    /** The scan attached to a version, for staff whose role and scope cover the station; empty when none is attached. */
    Optional<ProtocolScan> scan(ProtocolId protocol, int version);

    /**
     * A scan by its SHA-256, without a role check: for public pages that show the scan a published snapshot names
     * (scans are content-addressed and never change).
     */
    Optional<ProtocolScan> publishedScan(String sha256);

    Optional<ProtocolView> protocol(ProtocolId protocol);

    Optional<ProtocolView> protocol(long contestId, long stationId);

    List<ProtocolVersion> versions(ProtocolId protocol);

    List<ProtocolDecision> decisions(ProtocolId protocol);

    /**
     * Every step of a contest's protocols that is not the checks' routine verify or accept — quarantines, corrections,
     * amendments, releases and annulments — in the order they were taken, without a role check: these steps, their
     * reasons and decision references are public (public pages leave out who recorded them).
     */
    List<StationDecision> notableDecisions(long contestId);

    /** Every station protocol of a contest as it stands, with its counted numbers, in station order (one query). */
    List<ProtocolSummary> ofContest(long contestId);
}
