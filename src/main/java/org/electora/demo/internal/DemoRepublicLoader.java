package org.electora.demo.internal;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import org.electora.demo.DemoShape;
import org.electora.election.Election;
import org.electora.election.ElectionAdministration;
import org.electora.election.ElectionType;
import org.electora.election.Elections;
import org.electora.election.Milestone;
import org.electora.election.ProtocolTemplates;
import org.electora.geography.ElectoralMap;
import org.electora.geography.MapImport;
import org.electora.geography.MapVersionId;
import org.electora.platform.CurrentStaff;
import org.electora.registry.RegisterSample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the first start (no map yet) loads the demo republic: its map, an extraordinary presidential election on a
 * Wednesday in February with seven candidates, and its calendar with the milestones already due marked done.
 * Then a synthetic register sample ({@code electora.demo.register-sample} voters: 100,000 for FULL, 2,000 for SMALL
 * by default, 0 switches it off) is loaded and assigned, and a few sample national ids with their dates of birth are
 * logged to try at {@code /where-do-i-vote}. {@code electora.demo.shape=NONE} switches it off (for a real commission's
 * installation). A rehearsal of election night ({@link RehearsalNight}) loads no register sample.
 */
@Component
@Order(10)
class DemoRepublicLoader implements ApplicationRunner {

    static final ZoneId CAPITAL = ZoneId.of("Asia/Baku");
    static final long SAMPLE_SEED = 20270210L;
    /** Samples up to this size (the tests' 2,000) load before the app is ready; larger ones in the background. */
    static final int BACKGROUND_ABOVE = 10_000;
    private static final Logger log = LoggerFactory.getLogger(DemoRepublicLoader.class);

    private final ElectoralMap map;
    private final MapImport mapImport;
    private final Elections elections;
    private final ElectionAdministration administration;
    private final TransactionTemplate tx;
    private final String shape;
    private final LocalDate pollingDay;
    private final RegisterSample registerSample;
    private final int sampleSize;

    DemoRepublicLoader(ElectoralMap map, MapImport mapImport, Elections elections, ElectionAdministration administration,
                       TransactionTemplate tx, @Value("${electora.demo.shape:FULL}") String shape,
                       @Value("${electora.demo.polling-day:2027-02-10}") LocalDate pollingDay, RegisterSample registerSample,
                       @Value("${electora.demo.register-sample:-1}") int sampleSize,
                       @Value("${electora.demo.register:}") String fullRegister,
                       @Value("${electora.demo.rehearsal:false}") boolean rehearsal) {
        this.map = map;
        this.mapImport = mapImport;
        this.elections = elections;
        this.administration = administration;
        this.tx = tx;
        this.shape = shape;
        this.pollingDay = pollingDay;
        this.registerSample = registerSample;
        // With the full register asked for (DemoRegisterCommand), no first-start sample before it; nor in a rehearsal
        // of election night, whose election (the newest, so the current one) has no lists.
        this.sampleSize = DemoRegisterCommand.spec(fullRegister) != null || rehearsal ? 0 : sampleSize;
    }

    @Override
    public void run(ApplicationArguments args) {
        if ("NONE".equalsIgnoreCase(shape) || !map.versions().isEmpty()) {
            return;
        }
        DemoShape demo = DemoShape.valueOf(shape.toUpperCase(java.util.Locale.ROOT));
        long started = System.nanoTime();
        CurrentStaff.runAsSystem(() -> tx.execute(status -> load(demo)));
        log.info("Demo republic ({}) loaded in {} ms: {}", demo, (System.nanoTime() - started) / 1_000_000,
                map.summary(map.versions().getLast().id()));
        int voters = sampleSize >= 0 ? sampleSize : demo == DemoShape.FULL ? 100_000 : 2_000;
        if (voters > BACKGROUND_ABOVE) {
            // About a minute for 100,000 voters: the app serves meanwhile; the lookup finds them once this is done.
            log.info("Loading a synthetic register sample of {} voters in the background", voters);
            Thread.ofPlatform().name("demo-register-sample").daemon().start(() -> {
                try {
                    loadRegisterSample(voters);
                } catch (RuntimeException e) {
                    log.error("The synthetic register sample failed to load", e);
                }
            });
        } else if (voters > 0) {
            loadRegisterSample(voters);
        }
    }

    private void loadRegisterSample(int voters) {
        long started = System.nanoTime();
        RegisterSample.Result result = CurrentStaff.runAsSystem(() -> registerSample.load(voters, SAMPLE_SEED));
        log.info("Synthetic register sample loaded in {} ms: {} voters imported, {} assignment rules, {} assigned, {} uncovered, "
                        + "{} moved to stations abroad, {} abroad left without a list",
                (System.nanoTime() - started) / 1_000_000, result.imported().inserted(), result.rules(), result.assigned(),
                result.uncovered(), result.movedAbroad(), result.abroadLeftOff());
        for (RegisterSample.SampleVoter v : CurrentStaff.runAsSystem(() -> registerSample.tryThese(5))) {
            log.info("Try /where-do-i-vote with synthetic voter: national id {}, date of birth {} (station {}{})",
                    v.nationalId(), v.dateOfBirth(), v.stationCode(), v.abroad() ? ", abroad" : "");
        }
    }

    private Election load(DemoShape demo) {
        var outcome = mapImport.importCsv(new MapImport.NewMap("XR", "Republic of Caspiana — demo map", CAPITAL),
                new StringReader(DemoMapGenerator.mapCsv(demo)));
        MapVersionId version = switch (outcome) {
            case MapImport.ImportOutcome.Imported imported -> imported.version();
            case MapImport.ImportOutcome.Rejected rejected ->
                    throw new IllegalStateException("The demo map does not validate: " + rejected.problems());
        };
        Election election = DemoCandidates.callWithCandidates(administration, elections, new ElectionAdministration.NewElection(
                "Extraordinary presidential election " + pollingDay.getYear(), ElectionType.PRESIDENTIAL, true,
                pollingDay, LocalTime.of(8, 0), LocalTime.of(19, 0), version, "President of the Republic",
                ProtocolTemplates.cisPresidential().code()));
        LocalDate today = LocalDate.now(CAPITAL);
        for (Milestone m : elections.calendar(election.id())) {
            if (m.due().isBefore(today)) {
                administration.markMilestone(election.id(), m.code(), m.due());
            }
        }
        return election;
    }
}
