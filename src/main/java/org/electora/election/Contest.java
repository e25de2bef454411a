package org.electora.election;

/** What is decided on one ballot (the presidency; a seat; a referendum question), counted on one protocol template. */
public record Contest(ContestId id, ElectionId electionId, String name, String templateCode) {
}
