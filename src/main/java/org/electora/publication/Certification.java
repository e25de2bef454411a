package org.electora.publication;

import org.electora.election.Election;
import org.electora.election.ElectionId;

/**
 * The CEC certifies an election's result: only once every constituency's summary protocol is signed (else 409
 * PUB-010 naming them). Moves the election to RESULTS_CERTIFIED and publishes a CERTIFIED snapshot.
 */
public interface Certification {

    Election certify(ElectionId election, int expectedVersion);
}
