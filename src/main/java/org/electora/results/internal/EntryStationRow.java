package org.electora.results.internal;

import org.electora.geography.PollingStation;
import org.electora.results.ProtocolStatus;

/**
 * A station on the operator's list: its protocol status (null: none yet), how many entries wait, and when its polls
 * close. For page templates.
 */
public record EntryStationRow(PollingStation station, ProtocolStatus status, int openEntries, Closing closing) {
}
