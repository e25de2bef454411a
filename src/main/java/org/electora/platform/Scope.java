package org.electora.platform;

/** The part of the election a staff member may read and write. Checked on the server for every request. */
public sealed interface Scope {

    boolean covers(Jurisdiction jurisdiction);

    String kind();

    Long id();

    record National() implements Scope {
        public boolean covers(Jurisdiction j) { return true; }
        public String kind() { return "NATIONAL"; }
        public Long id() { return null; }
    }

    record Constituency(long constituencyId) implements Scope {
        public boolean covers(Jurisdiction j) { return j.constituencyId() == constituencyId; }
        public String kind() { return "CONSTITUENCY"; }
        public Long id() { return constituencyId; }
    }

    record Station(long stationId) implements Scope {
        public boolean covers(Jurisdiction j) { return j.stationId() != null && j.stationId() == stationId; }
        public String kind() { return "STATION"; }
        public Long id() { return stationId; }
    }

    /** A consular officer's mission: every station abroad it runs. */
    record Mission(long missionId) implements Scope {
        public boolean covers(Jurisdiction j) { return j.missionId() != null && j.missionId() == missionId; }
        public String kind() { return "MISSION"; }
        public Long id() { return missionId; }
    }

    /** Observers and journalists: their own organisation's data, nothing on the map. */
    record Organisation(long organisationId) implements Scope {
        public boolean covers(Jurisdiction j) { return false; }
        public String kind() { return "ORGANISATION"; }
        public Long id() { return organisationId; }
    }

    static Scope of(String kind, Long id) {
        return switch (kind) {
            case "NATIONAL" -> new National();
            case "CONSTITUENCY" -> new Constituency(id);
            case "STATION" -> new Station(id);
            case "MISSION" -> new Mission(id);
            case "ORGANISATION" -> new Organisation(id);
            default -> throw new IllegalArgumentException("Unknown scope kind: " + kind);
        };
    }
}
