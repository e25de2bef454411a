package org.electora.registry.internal.register;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.electora.election.ElectionAction;
import org.electora.geography.PollingStation;
import org.electora.platform.AccessDenied;
import org.electora.platform.Conflict;
import org.electora.platform.CurrentStaff;
import org.electora.platform.InvalidInput;
import org.electora.platform.NotFound;
import org.electora.registry.RegisterImport;
import org.electora.registry.internal.SyntheticPeople;
import org.electora.support.ElectionFixture;
import org.electora.support.ElectoraIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: after any sequence of registrations, applications to vote abroad (approved or rejected), business trips,
 * transfer certificates issued and presented (also twice), and polling-day additions to supplementary lists, every
 * voter is on at most one list, and the stations' list counts add up to the voters on a list. Refusals are expected
 * values; anything else fails with the seed. The election is polling today, polls open all day at home, so that the
 * polling-day additions are possible (at a station abroad whose date differs they are refused, REG-142/143).
 */
@ElectoraIntegrationTest
class OneListPropertyTest {

    /** Fixed, so that a failure reproduces: every assertion message names it. */
    private static final long SEED = 20_261_127L;
    private static final int VOTERS = 12;
    private static final int STEPS = 250;

    @Autowired ElectionFixture fixture;
    @Autowired RegisterReference reference;
    @Autowired RegisterImport importer;
    @Autowired VotingAbroad abroad;
    @Autowired TransferCertificates certificates;
    @Autowired Registrations registrations;
    @Autowired PollingDayAdditions additions;
    @Autowired JdbcClient jdbc;

    private record Person(long id, String nationalId) {
    }

    @Test
    void everyVoterIsOnAtMostOneListAndStationCountsAddUpAfterAnySequenceOfMoves() {
        SplittableRandom random = new SplittableRandom(SEED);
        ElectionFixture.Counting any = fixture.election(LocalDate.now().plusDays(50));
        ElectionFixture.Counting election = fixture.election(LocalDate.now(any.domestic().getFirst().timeZone()),
                LocalTime.MIN, LocalTime.of(23, 59, 59), ElectionAction.START_CAMPAIGN, ElectionAction.OPEN_POLLS);
        long electionId = election.election().id().value();
        LocalDate day = election.election().pollingDay();
        List<PollingStation> domestic = election.domestic().subList(0, 3);
        List<PollingStation> stationsAbroad = election.abroad().subList(0, Math.min(3, election.abroad().size()));
        List<PollingStation> all = new ArrayList<>(domestic);
        all.addAll(stationsAbroad);
        List<Person> people = people(random, election);
        List<String> issued = new ArrayList<>();
        var performed = new java.util.TreeMap<String, Integer>();

        for (int step = 0; step < STEPS; step++) {
            Person p = people.get(random.nextInt(people.size()));
            int op = random.nextInt(8);
            String what = switch (op) {
                case 0 -> "register";
                case 1 -> "apply-resident";
                case 2 -> "apply-trip";
                case 3 -> "approve";
                case 4 -> "reject";
                case 5 -> "issue-certificate";
                case 6 -> "use-certificate";
                default -> "add-supplementary";
            };
            String context = "seed %d step %d %s voter %d".formatted(SEED, step, what, p.id());
            String outcome = CurrentStaff.runAsSystem(() -> {
                try {
                    switch (op) {
                        case 0 -> registrations.start(electionId, p.id(), domestic.get(random.nextInt(domestic.size())).id().value(),
                                "RESIDENCE", null, null, null);
                        case 1 -> abroad.submitByOfficer(new VotingAbroad.NewApplication(p.nationalId(),
                                stationsAbroad.get(random.nextInt(stationsAbroad.size())).id().value(), "ABROAD_CONSULAR", null, null));
                        case 2 -> {
                            // sometimes a trip that misses polling day (REG-053)
                            LocalDate from = day.minusDays(random.nextInt(-3, 10));
                            abroad.submitByOfficer(new VotingAbroad.NewApplication(p.nationalId(),
                                    stationsAbroad.get(random.nextInt(stationsAbroad.size())).id().value(), "BUSINESS_TRIP",
                                    from, from.plusDays(random.nextInt(0, 10))));
                        }
                        case 3, 4 -> {
                            List<Long> pending = jdbc.sql("SELECT id FROM abroad_application WHERE election_id = ? AND status = 'PENDING' ORDER BY id")
                                    .param(electionId).query(Long.class).list();
                            if (pending.isEmpty()) {
                                return "nothing-pending";
                            }
                            long application = pending.get(random.nextInt(pending.size()));
                            if (op == 3) {
                                abroad.approve(application);
                            } else {
                                abroad.reject(application, "documents incomplete");
                            }
                        }
                        case 5 -> issued.add(certificates.issue(p.id(), electionId).number());
                        case 7 -> additions.add(all.get(random.nextInt(all.size())).id().value(),
                                new PollingDayAdditions.Request(p.nationalId(), "resides in the station's area", electionId));
                        default -> {
                            if (issued.isEmpty()) {
                                return "no-certificate";
                            }
                            String number = issued.get(random.nextInt(issued.size()));
                            String holder = jdbc.sql("SELECT v.national_id FROM transfer_certificate c JOIN voter v ON v.id = c.voter_id WHERE c.number = ?")
                                    .param(number).query(String.class).single();
                            certificates.use(number, holder, all.get(random.nextInt(all.size())).id().value());
                        }
                    }
                    return "done";
                } catch (Conflict e) {
                    return e.ruleCode();
                } catch (InvalidInput e) {
                    return e.problems().getFirst().ruleCode();
                } catch (NotFound | AccessDenied e) {
                    return e.getClass().getSimpleName();
                } catch (DuplicateKeyException e) {
                    // Only the plain insert may meet the one-list index; a service must refuse with a rule code first.
                    if (op != 0) {
                        throw new AssertionError("unique index reached by a service, " + context, e);
                    }
                    return "unique-index";
                }
            });
            performed.merge(what + ":" + outcome, 1, Integer::sum);

            assertThat(jdbc.sql("""
                            SELECT voter_id FROM registration WHERE election_id = ? AND active
                            GROUP BY voter_id HAVING count(*) > 1""").param(electionId).query(Long.class).list())
                    .as("voters on two lists after %s", context).isEmpty();
            long onAList = jdbc.sql("SELECT count(DISTINCT voter_id) FROM registration WHERE election_id = ? AND active")
                    .param(electionId).query(Long.class).single();
            Map<Long, Long> counts = registrations.listCounts(electionId);
            assertThat(counts.values().stream().mapToLong(Long::longValue).sum())
                    .as("station list counts %s against %d voters on a list after %s", counts, onAList, context).isEqualTo(onAList);
            assertThat(jdbc.sql("""
                            SELECT count(*) FROM transfer_certificate c JOIN registration r ON r.id = c.home_registration_id
                            WHERE c.election_id = ? AND r.status <> 'TRANSFERRED'""").param(electionId).query(Long.class).single())
                    .as("a certificate whose home registration is not marked transferred after %s", context).isZero();
        }
        // The sequence must really have exercised every kind of move, not refused its way through.
        assertThat(performed.keySet()).as("outcomes %s with seed %d", performed, SEED).contains(
                "register:done", "apply-resident:done", "apply-trip:done", "apply-trip:REG-053", "approve:done", "reject:done",
                "issue-certificate:done", "use-certificate:done", "use-certificate:REG-061", "add-supplementary:done",
                "add-supplementary:REG-146");
    }

    private List<Person> people(SplittableRandom random, ElectionFixture.Counting election) {
        List<String> settlement = CurrentStaff.runAsSystem(() -> {
            reference.seedSettlements(election.map().id().value());
            return jdbc.sql("SELECT region, name FROM register_settlement WHERE map_version_id = ? ORDER BY region, name LIMIT 1")
                    .param(election.map().id().value()).query((rs, i) -> List.of(rs.getString(1), rs.getString(2))).single();
        });
        var csv = new StringBuilder(RegisterCsv.HEADER).append('\n');
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < VOTERS; i++) {
            String digits = String.format("%08d", random.nextInt(100_000_000));
            String id = digits + SyntheticPeople.luhn(digits);
            ids.add(id);
            csv.append(id).append(",Property,Voter").append(i).append(",,1960-01-0").append(1 + i % 9).append(",F,")
                    .append(settlement.get(0)).append(',').append(settlement.get(1)).append(",Prop street,").append(i + 1)
                    .append(",,,,ACTIVE,,\n");
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        RegisterImport.Report report = CurrentStaff.runAsSystem(() ->
                importer.importCsv(new ByteArrayInputStream(bytes), bytes.length, RegisterImport.Progress.NONE));
        assertThat(report.outcome()).as("import with seed %d: %s", SEED, report.problems()).isEqualTo(RegisterImport.Outcome.APPLIED);
        return ids.stream().map(id -> new Person(jdbc.sql("SELECT id FROM voter WHERE national_id = ?").param(id)
                .query(Long.class).single(), id)).toList();
    }
}
