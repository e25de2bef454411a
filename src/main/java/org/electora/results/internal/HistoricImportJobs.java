package org.electora.results.internal;

import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import org.electora.platform.CurrentStaff;
import org.electora.platform.InvalidInput;
import org.electora.platform.Role;
import org.electora.results.HistoricImport;
import org.electora.results.HistoricMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.stereotype.Component;

/**
 * Historic imports started from the web ({@link HistoricImportPages}): each runs in the background, one at a time, as
 * the CEC administrator who started it (role check and audit actor are theirs), and tells its page how far each phase
 * has come. Jobs are kept in memory until the application stops: what an import wrote, or why it was refused, is in
 * the database and the audit log; the job is its progress and its report on the screen.
 */
@Component
public class HistoricImportJobs {

    private static final Logger log = LoggerFactory.getLogger(HistoricImportJobs.class);
    /** Jobs kept for the page's list; the oldest finished ones go first. */
    private static final int KEPT = 50;

    public enum State { WAITING, RUNNING, IMPORTED, REJECTED, FAILED }

    /** How far one phase ("validate", "load") has come; {@code total} is -1 while unknown. */
    public record Phase(String name, long done, long total) {
        /** Percent done, or -1 while the total is unknown. */
        public int percent() {
            return total <= 0 ? (total == 0 ? 100 : -1) : (int) Math.min(100, done * 100 / total);
        }
    }

    /** One import: what was sent, by whom, how far it is, and how it ended. */
    public static final class Job {
        public final UUID id = UUID.randomUUID();
        public final String file;
        public final String mapping;
        public final String startedBy;
        public final Instant submitted;
        private final Map<String, Phase> phases = new ConcurrentHashMap<>();
        private volatile State state = State.WAITING;
        private volatile Instant finished;
        private volatile HistoricImport.Outcome outcome;
        private volatile String failure;

        Job(String file, String mapping, String startedBy, Instant submitted) {
            this.file = file;
            this.mapping = mapping;
            this.startedBy = startedBy;
            this.submitted = submitted;
        }

        public State state() {
            return state;
        }

        public boolean finished() {
            return state != State.WAITING && state != State.RUNNING;
        }

        /** The phases in their order: validate, then load. */
        public List<Phase> phases() {
            List<Phase> list = new ArrayList<>();
            for (String name : List.of("validate", "load")) {
                Phase p = phases.get(name);
                if (p != null) {
                    list.add(p);
                }
            }
            return list;
        }

        public Optional<HistoricImport.Outcome.Imported> imported() {
            return outcome instanceof HistoricImport.Outcome.Imported i ? Optional.of(i) : Optional.empty();
        }

        public Optional<HistoricImport.Outcome.Rejected> rejected() {
            return outcome instanceof HistoricImport.Outcome.Rejected r ? Optional.of(r) : Optional.empty();
        }

        public String failure() {
            return failure;
        }

        public Optional<Duration> took() {
            return Optional.ofNullable(finished).map(f -> Duration.between(submitted, f));
        }
    }

    private final HistoricImport historicImport;
    private final Clock clock;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("historic-import").daemon().factory());
    private final Deque<Job> jobs = new ConcurrentLinkedDeque<>();

    HistoricImportJobs(HistoricImport historicImport, Clock clock) {
        this.historicImport = historicImport;
        this.clock = clock;
    }

    /** Starts importing {@code csv} with {@code mapping} in the background, as the CEC administrator signed in. */
    Job start(HistoricMapping mapping, String mappingName, String fileName, String csv) {
        requireCec();
        Job job = new Job(fileName, mappingName, CurrentStaff.actorName(), clock.instant());
        jobs.addFirst(job);
        while (jobs.size() > KEPT && jobs.peekLast() != null && jobs.peekLast().finished()) {
            jobs.pollLast();
        }
        runner.execute(new DelegatingSecurityContextRunnable(() -> run(job, mapping, csv)));
        return job;
    }

    private void run(Job job, HistoricMapping mapping, String csv) {
        job.state = State.RUNNING;
        try {
            HistoricImport.Outcome outcome = historicImport.importCsv(mapping, new StringReader(csv), HistoricImport.Part.EVERYTHING,
                    (phase, done, total) -> job.phases.put(phase, new Phase(phase, done, total)));
            job.outcome = outcome;
            job.state = outcome instanceof HistoricImport.Outcome.Imported ? State.IMPORTED : State.REJECTED;
        } catch (InvalidInput refused) {
            // Refused before the file was read (HIS-009: a template Electora does not have): a report like any other.
            job.outcome = new HistoricImport.Outcome.Rejected(refused.problems());
            job.state = State.REJECTED;
        } catch (RuntimeException failed) {
            // Its transaction rolled back: nothing of it was written. The page says so, with the reason.
            log.warn("Historic import of {} failed", job.file, failed);
            job.failure = failed.getMessage() == null ? failed.getClass().getSimpleName() : failed.getMessage();
            job.state = State.FAILED;
        } finally {
            job.finished = clock.instant();
        }
    }

    /** The jobs of this run of the application, newest first (CEC administrators only). */
    List<Job> jobs() {
        requireCec();
        return List.copyOf(jobs);
    }

    Optional<Job> job(UUID id) {
        requireCec();
        return jobs.stream().filter(j -> j.id.equals(id)).findFirst();
    }

    /** Refuses (403) anyone but a CEC administrator: every page of the imports asks this first. */
    static void requireCec() {
        CurrentStaff.requireRole(java.util.Set.of(Role.CEC_ADMIN), "Only the CEC imports historic elections");
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }
}
