package org.electora.accreditation.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.electora.accreditation.ApplicationCategory;
import org.electora.election.Election;
import org.electora.election.ElectionId;
import org.electora.election.Elections;
import org.electora.audit.AuditLog;
import org.electora.platform.InvalidInput;
import org.electora.platform.NotFound;
import org.electora.platform.Problem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applications of a category close {@code N} days before polling day: the last day to apply is polling day minus N,
 * until midnight in the commission's time zone ({@code electora.accreditation.zone}), whatever the applicant's own
 * zone. N comes from the election's own setting, else from {@code electora.accreditation.deadline-days.*}.
 */
@Component
class ApplicationDeadlines {

    static final String PAST_DEADLINE = "ACC-110";
    static final String BAD_DAYS = "ACC-111";
    static final String UNKNOWN_ELECTION = "ACC-112";

    /** When a category closes for an election, and why. */
    record Deadline(ElectionId election, LocalDate pollingDay, ApplicationCategory category, int daysBefore,
                    LocalDate lastDay, Instant closesAt) {
        boolean isOpenAt(Instant instant) {
            return instant.isBefore(closesAt);
        }
    }

    private final AuditLog audit;
    private final Elections elections;
    private final IntakeStore store;
    private final Clock clock;
    private final ZoneId zone;
    private final Map<ApplicationCategory, Integer> defaults = new EnumMap<>(ApplicationCategory.class);

    ApplicationDeadlines(Elections elections, IntakeStore store, Clock clock, AuditLog audit,
                         @Value("${electora.accreditation.zone:Asia/Baku}") String zone,
                         @Value("${electora.accreditation.deadline-days.observer:10}") int observer,
                         @Value("${electora.accreditation.deadline-days.journalist:3}") int journalist,
                         @Value("${electora.accreditation.deadline-days.technical-staff:3}") int technicalStaff) {
        this.elections = elections;
        this.audit = audit;
        this.store = store;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
        defaults.put(ApplicationCategory.OBSERVER, observer);
        defaults.put(ApplicationCategory.JOURNALIST, journalist);
        defaults.put(ApplicationCategory.TECHNICAL_STAFF, technicalStaff);
    }

    /** The closing instant: the start of the day after the last day, in {@code zone}. */
    static Deadline deadline(ElectionId election, LocalDate pollingDay, ApplicationCategory category, int daysBefore, ZoneId zone) {
        LocalDate lastDay = pollingDay.minusDays(daysBefore);
        return new Deadline(election, pollingDay, category, daysBefore, lastDay, lastDay.plusDays(1).atStartOfDay(zone).toInstant());
    }

    Optional<Election> election(long electionId) {
        return elections.byId(new ElectionId(electionId));
    }

    Map<ApplicationCategory, Integer> days(long electionId) {
        Map<ApplicationCategory, Integer> days = new EnumMap<>(defaults);
        days.putAll(store.deadlineDays(electionId));
        return days;
    }

    Deadline deadline(Election election, ApplicationCategory category) {
        Objects.requireNonNull(category, "category");
        return deadline(election.id(), election.pollingDay(), category, days(election.id().value()).get(category), zone);
    }

    /** Empty when the organisation observes no particular election (then no deadline applies). */
    Optional<Deadline> deadline(Long electionId, ApplicationCategory category) {
        if (electionId == null || category == null) {
            return Optional.empty();
        }
        return election(electionId).map(e -> deadline(e, category));
    }

    /** The election's deadlines, its own where set, the configured defaults otherwise. */
    @Transactional(readOnly = true)
    List<Deadline> deadlines(long electionId) {
        Election election = election(electionId).orElseThrow(() -> new NotFound(UNKNOWN_ELECTION, "No election " + electionId));
        return Arrays.stream(ApplicationCategory.values()).map(c -> deadline(election, c)).toList();
    }

    /** Sets the days before polling day for the categories given; the others keep theirs. */
    @Transactional
    List<Deadline> set(long electionId, Map<ApplicationCategory, Integer> daysBefore) {
        Accrediting.requireOfficer();
        election(electionId).orElseThrow(() -> new NotFound(UNKNOWN_ELECTION, "No election " + electionId));
        List<Problem> problems = new ArrayList<>();
        if (daysBefore == null || daysBefore.isEmpty()) {
            problems.add(Problem.at(0, BAD_DAYS, null, "give days before polling day for one or more of " + List.of(ApplicationCategory.values())));
        } else {
            daysBefore.forEach((category, days) -> {
                if (category == null || days == null || days < 0 || days > 365) {
                    problems.add(Problem.at(0, BAD_DAYS, String.valueOf(category), "days before polling day must be 0 to 365, not " + days));
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        daysBefore.forEach((category, days) -> {
            store.setDeadlineDays(electionId, category, days);
            payload.put(category.name(), days);
        });
        audit.record("accreditation.deadlines.set", "election:" + electionId, payload);
        return deadlines(electionId);
    }

    Instant now() {
        return clock.instant();
    }

    ZoneId zone() {
        return zone;
    }
}
