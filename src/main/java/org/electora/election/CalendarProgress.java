package org.electora.election;

/** How far the preparation of an election has come on a given day. */
public record CalendarProgress(int done, int open, int late) {

    public CalendarProgress {
        if (done < 0 || open < 0 || late < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    public int total() {
        return done + open + late;
    }

    /** Rounded down, so 100 % is shown only when every milestone is actually done; 0 for an empty calendar. */
    public int percentDone() {
        return total() == 0 ? 0 : done * 100 / total();
    }
}
