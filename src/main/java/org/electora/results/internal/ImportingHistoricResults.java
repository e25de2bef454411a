package org.electora.results.internal;

import java.io.Reader;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.electora.audit.AuditLog;
import org.electora.audit.Disposition;
import org.electora.election.Candidate;
import org.electora.election.CandidateAction;
import org.electora.election.CheckReport;
import org.electora.election.Contest;
import org.electora.election.Election;
import org.electora.election.ElectionAction;
import org.electora.election.ElectionAdministration;
import org.electora.election.Elections;
import org.electora.election.ProtocolTemplate;
import org.electora.geography.MapImport;
import org.electora.platform.TextFiles;
import org.electora.platform.AccessDenied;
import org.electora.platform.CurrentStaff;
import org.electora.platform.Digests;
import org.electora.platform.Role;
import org.electora.results.HistoricImport;
import org.electora.results.HistoricMapping;
import org.electora.results.ProtocolStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Imports a historic election in one transaction: validate the whole file, then the map (through {@link MapImport}),
 * the election and its candidates (through {@link ElectionAdministration}), then every protocol in bulk — checked
 * against the template's relations row by row, written with COPY — and finally the constituency tallies in one
 * statement. Per-protocol audit events and {@code ProtocolAccepted} events are not written for imported protocols:
 * one audit event records the import (file hash, counts, quarantined stations); every protocol keeps its version and
 * decisions.
 */
@Service
class ImportingHistoricResults implements HistoricImport {

    private static final Logger log = LoggerFactory.getLogger(ImportingHistoricResults.class);

    private final MapImport maps;
    private final ElectionAdministration administration;
    private final Elections elections;
    private final HistoricResultsWriter writer;
    private final TallyStore tallies;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    ImportingHistoricResults(MapImport maps, ElectionAdministration administration, Elections elections,
                             HistoricResultsWriter writer, TallyStore tallies, JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.maps = maps;
        this.administration = administration;
        this.elections = elections;
        this.writer = writer;
        this.tallies = tallies;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Outcome importCsv(HistoricMapping mapping, Reader csv, Part part, Progress progress) {
        if (CurrentStaff.require().role() != Role.CEC_ADMIN) {
            throw new AccessDenied("Only the CEC imports historic elections");
        }
        long started = System.nanoTime();
        progress = logging(progress, started);
        String text = TextFiles.readAll(csv);
        String sourceSha256 = Digests.sha256(text);
        ProtocolTemplate template = elections.template(mapping.templateCode())
                .orElseThrow(() -> new org.electora.platform.InvalidInput("HIS-009", "Unknown template " + mapping.templateCode()));
        HistoricCsv.Parsed parsed;
        switch (HistoricCsv.read(mapping, template, new StringReader(text), progress)) {
            case HistoricCsv.Result.Invalid invalid -> {
                // A rejected file writes nothing but its own audit event: who tried, and how many problems.
                audit.record("results.historic-import-rejected", "election:" + mapping.electionName(), Disposition.REJECTED,
                        Map.of("sourceSha256", sourceSha256, "problems", invalid.problems().size(),
                                "firstRule", invalid.problems().getFirst().ruleCode()));
                return new Outcome.Rejected(invalid.problems());
            }
            case HistoricCsv.Result.Valid valid -> parsed = valid.parsed();
        }

        var imported = maps.importCsv(new MapImport.NewMap(mapping.countryCode(), mapping.mapName(), mapping.capitalZone()),
                new StringReader(parsed.mapCsv()));
        if (imported instanceof MapImport.ImportOutcome.Rejected rejected) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return new Outcome.Rejected(rejected.problems());
        }
        var map = (MapImport.ImportOutcome.Imported) imported;

        Election election = administration.create(new ElectionAdministration.NewElection(mapping.electionName(),
                mapping.electionType(), false, mapping.pollingDay(), mapping.pollsOpen(), mapping.pollsClose(),
                map.version(), mapping.contestName(), mapping.templateCode()));
        administration.markHistoric(election.id());
        election = administration.apply(election.id(), ElectionAction.CALL, election.version());
        election = administration.apply(election.id(), ElectionAction.OPEN_NOMINATIONS, election.version());
        Contest contest = elections.contests(election.id()).getFirst();
        for (String column : mapping.candidateColumns()) {
            String[] name = column.strip().split("\\s+", 3);
            Candidate c = administration.nominate(contest.id(), new ElectionAdministration.NewCandidate(name[0],
                    name.length > 1 ? name[1] : "", name.length > 2 ? name[2] : null, "historic import"));
            administration.decide(c.id(), CandidateAction.REGISTER, null, c.version());
        }
        for (ElectionAction action : List.of(ElectionAction.START_CAMPAIGN, ElectionAction.OPEN_POLLS, ElectionAction.CLOSE_POLLS)) {
            election = administration.apply(election.id(), action, election.version());
        }

        List<Quarantined> quarantined = new ArrayList<>();
        int accepted = 0;
        if (part == Part.EVERYTHING) {
            List<Integer> ballotOrders = elections.candidates(contest.id()).stream().map(Candidate::ballotOrder).sorted().toList();
            accepted = loadProtocols(election, contest, template, ballotOrders, map, parsed, sourceSha256, quarantined, progress);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        int withoutNumbers = parsed.withoutNumbers();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("sourceSha256", sourceSha256);
        payload.put("mapVersion", map.version().value());
        payload.put("stations", map.stations());
        payload.put("accepted", accepted);
        payload.put("quarantined", quarantined.stream().map(Quarantined::stationCode).toList());
        payload.put("withoutNumbers", withoutNumbers);
        audit.record("results.historic-imported", "election:" + election.id().value(), payload);
        log.info("Historic import of {}: {} regions, {} constituencies, {} stations, {} protocols accepted, {} quarantined, "
                        + "{} stations without numbers, in {} ms", mapping.electionName(), map.regions(), map.constituencies(),
                map.stations(), accepted, quarantined.size(), withoutNumbers, took.toMillis());
        return new Outcome.Imported(map.version(), election.id(), contest.id(), map.regions(), map.constituencies(),
                map.stations(), accepted, quarantined, withoutNumbers, took);
    }

    private int loadProtocols(Election election, Contest contest, ProtocolTemplate template, List<Integer> ballotOrders,
                              MapImport.ImportOutcome.Imported map, HistoricCsv.Parsed parsed, String sourceSha256,
                              List<Quarantined> quarantined, Progress progress) {
        Map<String, long[]> stations = new HashMap<>();
        jdbc.sql("SELECT code, id, constituency_id FROM polling_station WHERE map_version_id = ?").param(map.version().value())
                .query(rs -> { stations.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3)}); });
        long contestId = contest.id().value();
        List<HistoricResultsWriter.Staged> staged = new ArrayList<>(parsed.rows().size());
        int accepted = 0;
        for (int i = 0; i < parsed.rows().size(); i++) {
            HistoricCsv.Row row = parsed.rows().get(i);
            if (!row.hasNumbers()) {
                continue; // on the map, without a protocol
            }
            String code = parsed.stationCodes().get(i);
            long[] station = stations.get(code);
            CheckReport report = template.check(SubmittingProtocols.values(ballotOrders, row.lines(), row.votes()));
            ProtocolStatus status;
            if (report.hasHardViolation()) {
                status = ProtocolStatus.QUARANTINED;
                quarantined.add(new Quarantined(row.line(), code, report.hardViolations().stream()
                        .map(org.electora.election.Violation::ruleCode).toList()));
            } else {
                status = ProtocolStatus.ACCEPTED;
                accepted++;
            }
            staged.add(new HistoricResultsWriter.Staged(station[0], station[1], status, row.lines(), row.votes(),
                    SubmittingProtocols.contentSha256(contestId, station[0], row.lines(), row.votes()),
                    SubmittingProtocols.JSON.writeValueAsString(report.violations()),
                    SubmittingProtocols.numbers(template, ballotOrders, row.lines(), row.votes())));
        }
        int total = staged.size();
        writer.write(election.id().value(), contestId, staged, CurrentStaff.actorName(), clock.instant(),
                "historic-import:" + sourceSha256, done -> progress.advanced("load", done, total));
        tallies.createFromStationResults(contestId, map.version().value());
        return accepted;
    }

    /** Also logs each phase's progress with its rate, every 20,000 rows and at the end. */
    private static Progress logging(Progress progress, long started) {
        Map<String, Long> logged = new HashMap<>();
        return (phase, done, total) -> {
            progress.advanced(phase, done, total);
            long last = logged.getOrDefault(phase, -1L);
            if (done - last >= 20_000 || (done == total && done != last)) {
                logged.put(phase, done);
                double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
                log.info("Historic import, {}: {} of {} rows ({} rows/s since start)", phase, done,
                        total < 0 ? "?" : total, Math.round(done / seconds));
            }
        };
    }
}
