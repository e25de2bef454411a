package org.electora.results.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.electora.audit.AuditLog;
import org.electora.election.Election;
import org.electora.election.ElectionStatus;
import org.electora.election.Elections;
import org.electora.geography.Constituency;
import org.electora.geography.ConstituencyId;
import org.electora.geography.ElectoralMap;
import org.electora.geography.PollingStation;
import org.electora.platform.AccessDenied;
import org.electora.platform.Conflict;
import org.electora.platform.CurrentStaff;
import org.electora.platform.Digests;
import org.electora.platform.InvalidInput;
import org.electora.platform.Jurisdiction;
import org.electora.platform.NotFound;
import org.electora.platform.Role;
import org.electora.platform.StaffMember;
import org.electora.results.ConstituencyProtocol;
import org.electora.results.ConstituencyProtocols;
import org.electora.results.ProtocolStatus;
import org.electora.results.Tally;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Constituency summary protocols. Signing locks the constituency's station protocols so that no amendment or
 * annulment can slip in between the check that all are decided and the signature, and stamps them: from then on
 * they are final (409 RES-033 for any new version or decision; V22), so that the signed totals and the certified
 * result stay the sum of the station protocols. A recorded CEC decision may withdraw the signature while the election
 * is counting (V23): the stamps go, the signature and its withdrawal stay, and the constituency signs the next round.
 */
@Service
class SigningConstituencyProtocols implements ConstituencyProtocols {

    private static final Set<Role> SIGNERS = EnumSet.of(Role.CONSTITUENCY_OPERATOR, Role.CEC_ADMIN);
    /** A station is decided when its protocol counts or was annulled by a recorded decision. */
    private static final Set<ProtocolStatus> DECIDED = EnumSet.of(ProtocolStatus.ACCEPTED, ProtocolStatus.ANNULLED);
    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final JdbcClient jdbc;
    private final ElectoralMap map;
    private final Elections elections;
    private final ContestRules rules;
    private final TallyStore tallies;
    private final AuditLog audit;
    private final Clock clock;

    SigningConstituencyProtocols(JdbcClient jdbc, ElectoralMap map, Elections elections, ContestRules rules,
                                 TallyStore tallies, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.map = map;
        this.elections = elections;
        this.rules = rules;
        this.tallies = tallies;
        this.audit = audit;
        this.clock = clock;
    }

    /** A constituency, its contest and the contest's election, the constituency within the caller's scope. */
    record Target(Constituency constituency, ContestRules.Rules contest, Election election) {
    }

    /** The constituency and contest named (404 if either is unknown, 422 RES-002 if the contest is not held there). */
    Target locate(long contestId, long constituencyId) {
        Constituency constituency = map.constituency(new ConstituencyId(constituencyId))
                .orElseThrow(() -> new NotFound("No constituency " + constituencyId));
        CurrentStaff.requireScope(Jurisdiction.ofConstituency(constituencyId));
        ContestRules.Rules contest = rules.of(contestId).orElseThrow(() -> new NotFound("No contest " + contestId));
        Election election = elections.byId(contest.contest().electionId()).orElseThrow();
        if (!election.mapVersionId().equals(constituency.mapVersionId())) {
            throw new InvalidInput("RES-002", "Contest " + contestId + " is not held in constituency " + constituency.code());
        }
        return new Target(constituency, contest, election);
    }

    /** As {@link #locate}, while the election is counting (409 RES-031 otherwise). */
    private Target target(long contestId, long constituencyId, String whileCounting) {
        Target t = locate(contestId, constituencyId);
        requireCounting(t.election(), whileCounting);
        return t;
    }

    private static void requireCounting(Election election, String whileCounting) {
        if (election.status() != ElectionStatus.COUNTING) {
            throw new Conflict("RES-031", "The election's status is " + election.status().words() + "; " + whileCounting);
        }
    }

    /**
     * Locks the constituency's protocol rows, for update: signing and withdrawing re-stamp them, and two of them for
     * one constituency then queue here instead of deadlocking on the stamp; the second sees what the first did.
     */
    private Map<Long, ProtocolStatus> lockProtocols(long contestId, long constituencyId) {
        Map<Long, ProtocolStatus> statuses = new LinkedHashMap<>();
        jdbc.sql("SELECT station_id, status FROM protocol WHERE contest_id = ? AND constituency_id = ? ORDER BY id FOR UPDATE")
                .params(contestId, constituencyId)
                .query((rs, n) -> statuses.put(rs.getLong(1), ProtocolStatus.valueOf(rs.getString(2)))).list();
        return statuses;
    }

    @Override
    @Transactional
    public ConstituencyProtocol sign(long contestId, long constituencyId) {
        StaffMember staff = CurrentStaff.requireRole(SIGNERS, "Your role may not sign constituency protocols");
        Target t = target(contestId, constituencyId, "constituency protocols are signed while counting");
        Constituency constituency = t.constituency();
        Map<Long, ProtocolStatus> statuses = lockProtocols(contestId, constituencyId);
        if (signed(contestId, constituencyId).isPresent()) {
            throw new Conflict("RES-032", "The summary protocol of constituency " + constituency.code() + " is already signed");
        }
        List<String> missing = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        for (PollingStation s : map.stations(constituency.id())) {
            ProtocolStatus status = statuses.get(s.id().value());
            if (status == null) {
                missing.add(s.code());
            } else if (!DECIDED.contains(status)) {
                undecided.add(s.code() + " (" + status + ")");
            }
        }
        if (!missing.isEmpty() || !undecided.isEmpty()) {
            throw new Conflict("RES-030", "Constituency " + constituency.code() + " cannot sign until every station's protocol is"
                    + " accepted or annulled; no protocol: " + (missing.isEmpty() ? "none" : String.join(", ", missing))
                    + "; not decided: " + (undecided.isEmpty() ? "none" : String.join(", ", undecided)));
        }
        Tally totals = tallies.constituency(contestId, constituencyId)
                .orElseThrow(() -> new IllegalStateException("no tally row for " + constituency.code()));
        String json = CANONICAL.writeValueAsString(totals);
        String sha256 = Digests.sha256(json);
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        // A round after a withdrawn one (V23); the rows of earlier rounds stay as they were signed.
        int round = jdbc.sql("""
                        INSERT INTO constituency_protocol (election_id, contest_id, constituency_id, signed_by, signed_at, totals, sha256, round)
                        SELECT ?, ?, ?, ?, ?, ?, ?, coalesce(max(round), 0) + 1 FROM constituency_protocol
                        WHERE contest_id = ? AND constituency_id = ?
                        RETURNING round""")
                .params(t.election().id().value(), contestId, constituencyId, staff.username(), now, json, sha256,
                        contestId, constituencyId)
                .query(Integer.class).single();
        // From now on these protocols are final (V22): a writer waiting for one of these rows reads it stamped.
        jdbc.sql("UPDATE protocol SET summary_signed_at = ? WHERE contest_id = ? AND constituency_id = ?")
                .params(now, contestId, constituencyId).update();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("contest", contestId);
        payload.put("constituency", constituency.code());
        payload.put("round", round);
        payload.put("stations", statuses.size());
        payload.put("annulled", statuses.values().stream().filter(s -> s == ProtocolStatus.ANNULLED).count());
        payload.put("totalsSha256", sha256);
        audit.record("constituency-protocol.signed", subject(contestId, constituency), payload);
        return new ConstituencyProtocol(contestId, constituencyId, constituency.code(), round, staff.username(), now, totals, sha256);
    }

    @Override
    @Transactional
    public ConstituencyProtocol withdraw(long contestId, long constituencyId, String reason, String decisionReference) {
        StaffMember staff = CurrentStaff.require();
        if (staff.role() != Role.CEC_ADMIN) {
            throw new AccessDenied("Only the CEC withdraws a signed summary protocol");
        }
        SubmittingProtocols.requireDecision("RES-034", reason, "A withdrawal needs the reason of the decision",
                decisionReference, "A withdrawal needs the reference of the CEC's decision");
        SubmittingProtocols.requireFit(reason, decisionReference);
        String whileCounting = "a signed summary protocol is withdrawn only while counting";
        Target t = target(contestId, constituencyId, whileCounting);
        // Certification checks every signature and then moves the election: with the election's row held from here
        // to the commit, it either moved before (and the withdrawal is refused) or waits for this withdrawal and sees
        // it (PUB-010). A certified result never stands on a withdrawn signature.
        requireCounting(elections.holding(t.election().id()).orElseThrow(), whileCounting);
        lockProtocols(contestId, constituencyId);
        ConstituencyProtocol live = signed(contestId, constituencyId).orElseThrow(() -> new Conflict("RES-035",
                "Constituency " + t.constituency().code() + " has no signed summary protocol to withdraw"));
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        jdbc.sql("""
                        INSERT INTO constituency_protocol_withdrawal (constituency_protocol_id, withdrawn_by, withdrawn_at, reason, decision_reference)
                        SELECT id, ?, ?, ?, ? FROM constituency_protocol WHERE contest_id = ? AND constituency_id = ? AND round = ?""")
                .params(staff.username(), now, reason.strip(), decisionReference.strip(), contestId, constituencyId, live.round())
                .update();
        jdbc.sql("UPDATE protocol SET summary_signed_at = NULL WHERE contest_id = ? AND constituency_id = ?")
                .params(contestId, constituencyId).update();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("contest", contestId);
        payload.put("constituency", t.constituency().code());
        payload.put("round", live.round());
        payload.put("totalsSha256", live.sha256());
        payload.put("reason", reason.strip());
        payload.put("decisionReference", decisionReference.strip());
        audit.record("constituency-protocol.withdrawn", subject(contestId, t.constituency()), payload);
        return live;
    }

    private static String subject(long contestId, Constituency constituency) {
        return "constituency-protocol:" + contestId + ":" + constituency.code();
    }

    /** Signatures no withdrawal names: at most one per constituency, as a new round needs the last one withdrawn. */
    private static final String LIVE = """
            FROM constituency_protocol p JOIN constituency c ON c.id = p.constituency_id
            WHERE p.contest_id = ?
              AND NOT EXISTS (SELECT 1 FROM constituency_protocol_withdrawal w WHERE w.constituency_protocol_id = p.id)""";

    /** The live signature: the latest round, unless a withdrawal names it. */
    @Override
    @Transactional(readOnly = true)
    public Optional<ConstituencyProtocol> signed(long contestId, long constituencyId) {
        return jdbc.sql("SELECT p.contest_id, p.constituency_id, c.code, p.round, p.signed_by, p.signed_at, p.totals, p.sha256 "
                        + LIVE + " AND p.constituency_id = ? ORDER BY p.round DESC LIMIT 1")
                .params(contestId, constituencyId)
                .query(SigningConstituencyProtocols::signature)
                .optional();
    }

    /** Round {@code round} of a constituency's summary protocol, withdrawn or not. */
    @Transactional(readOnly = true)
    Optional<ConstituencyProtocol> round(long contestId, long constituencyId, int round) {
        return jdbc.sql("""
                        SELECT p.contest_id, p.constituency_id, c.code, p.round, p.signed_by, p.signed_at, p.totals, p.sha256
                        FROM constituency_protocol p JOIN constituency c ON c.id = p.constituency_id
                        WHERE p.contest_id = ? AND p.constituency_id = ? AND p.round = ?""")
                .params(contestId, constituencyId, round)
                .query(SigningConstituencyProtocols::signature)
                .optional();
    }

    /** The round of each live signature of a contest, by constituency id (the results desk's overview). */
    @Transactional(readOnly = true)
    Map<Long, Integer> signedRounds(long contestId) {
        Map<Long, Integer> rounds = new HashMap<>();
        jdbc.sql("SELECT p.constituency_id, p.round " + LIVE).param(contestId)
                .query(rs -> { rounds.put(rs.getLong(1), rs.getInt(2)); });
        return rounds;
    }

    /** Every round a constituency signed, the first first, each with its withdrawal if a decision withdrew it. */
    @Transactional(readOnly = true)
    List<SignatureRound> rounds(long contestId, long constituencyId) {
        return jdbc.sql("""
                        SELECT p.round, p.signed_by, p.signed_at, p.sha256, w.withdrawn_by, w.withdrawn_at, w.reason, w.decision_reference
                        FROM constituency_protocol p LEFT JOIN constituency_protocol_withdrawal w ON w.constituency_protocol_id = p.id
                        WHERE p.contest_id = ? AND p.constituency_id = ? ORDER BY p.round""")
                .params(contestId, constituencyId)
                .query((rs, n) -> new SignatureRound(rs.getInt(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class),
                        rs.getString(4), rs.getString(5), rs.getObject(6, OffsetDateTime.class), rs.getString(7), rs.getString(8)))
                .list();
    }

    private static ConstituencyProtocol signature(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new ConstituencyProtocol(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                rs.getObject(6, OffsetDateTime.class), CANONICAL.readValue(rs.getString(7), Tally.class), rs.getString(8));
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> unsigned(long contestId) {
        return jdbc.sql("""
                        SELECT c.code FROM contest k JOIN election e ON e.id = k.election_id
                        JOIN constituency c ON c.map_version_id = e.map_version_id
                        WHERE k.id = ? AND NOT EXISTS (SELECT 1 FROM constituency_protocol p
                                                       WHERE p.contest_id = k.id AND p.constituency_id = c.id
                                                         AND NOT EXISTS (SELECT 1 FROM constituency_protocol_withdrawal w
                                                                         WHERE w.constituency_protocol_id = p.id))
                        ORDER BY c.number""")
                .param(contestId).query(String.class).list().stream().collect(Collectors.toList());
    }
}
