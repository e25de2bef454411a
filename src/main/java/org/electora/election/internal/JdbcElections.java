package org.electora.election.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.electora.election.Candidate;
import org.electora.election.CandidateId;
import org.electora.election.CandidateStatus;
import org.electora.election.Contest;
import org.electora.election.ContestId;
import org.electora.election.ControlRelation;
import org.electora.election.Election;
import org.electora.election.ElectionId;
import org.electora.election.ElectionStatus;
import org.electora.election.ElectionType;
import org.electora.election.Elections;
import org.electora.election.Milestone;
import org.electora.election.ProtocolLine;
import org.electora.election.ProtocolTemplate;
import org.electora.election.RelationLevel;
import org.electora.geography.MapVersionId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@Repository
@Transactional(readOnly = true)
class JdbcElections implements Elections {

    private final JdbcClient jdbc;

    JdbcElections(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Election> all() {
        return jdbc.sql("SELECT * FROM election ORDER BY polling_day DESC, id DESC").query(JdbcElections::election).list();
    }

    @Override
    public Optional<Election> byId(ElectionId id) {
        return jdbc.sql("SELECT * FROM election WHERE id = ?").param(id.value()).query(JdbcElections::election).optional();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Election> holding(ElectionId id) {
        return jdbc.sql("SELECT * FROM election WHERE id = ? FOR SHARE").param(id.value()).query(JdbcElections::election).optional();
    }

    @Override
    public Optional<Election> current() {
        // A draft is work in progress of the CEC; the public sees it only when nothing has been called yet. An election
        // imported for comparison (historic) only when there is no other.
        return jdbc.sql("SELECT * FROM election ORDER BY historic, (status <> 'DRAFT') DESC, id DESC LIMIT 1")
                .query(JdbcElections::election).optional();
    }

    @Override
    public List<Contest> contests(ElectionId election) {
        return jdbc.sql("SELECT * FROM contest WHERE election_id = ? ORDER BY id").param(election.value())
                .query(JdbcElections::contest).list();
    }

    @Override
    public Optional<Contest> contest(ContestId contest) {
        return jdbc.sql("SELECT * FROM contest WHERE id = ?").param(contest.value()).query(JdbcElections::contest).optional();
    }

    @Override
    public List<Candidate> candidates(ContestId contest) {
        return jdbc.sql("SELECT * FROM candidate WHERE contest_id = ? ORDER BY ballot_order").param(contest.value())
                .query(JdbcElections::candidate).list();
    }

    Optional<Candidate> candidate(CandidateId id) {
        return jdbc.sql("SELECT * FROM candidate WHERE id = ?").param(id.value()).query(JdbcElections::candidate).optional();
    }

    @Override
    public List<Milestone> calendar(ElectionId election) {
        return jdbc.sql("SELECT * FROM milestone WHERE election_id = ? ORDER BY due, position").param(election.value())
                .query((rs, n) -> new Milestone(rs.getString("code"), rs.getString("title"),
                        rs.getObject("due", java.time.LocalDate.class), rs.getString("responsible_body"),
                        rs.getObject("done_on", java.time.LocalDate.class)))
                .list();
    }

    @Override
    public List<ProtocolTemplate> templates() {
        return jdbc.sql("SELECT code FROM protocol_template ORDER BY code").query(String.class).list().stream()
                .map(code -> template(code).orElseThrow())
                .toList();
    }

    @Override
    public Optional<ProtocolTemplate> template(String code) {
        List<ProtocolLine> lines = jdbc.sql("SELECT number, code, name FROM protocol_template_line WHERE template_code = ? ORDER BY number")
                .param(code).query((rs, n) -> new ProtocolLine(rs.getInt("number"), rs.getString("code"), rs.getString("name")))
                .list();
        List<ControlRelation> relations = jdbc.sql("""
                        SELECT rule_code, level, expression, description FROM control_relation
                        WHERE template_code = ? ORDER BY position""")
                .param(code)
                .query((rs, n) -> new ControlRelation(rs.getString("rule_code"), RelationLevel.valueOf(rs.getString("level")),
                        rs.getString("expression"), rs.getString("description")))
                .list();
        return jdbc.sql("SELECT * FROM protocol_template WHERE code = ?").param(code)
                .query((rs, n) -> new ProtocolTemplate(rs.getString("code"), rs.getString("name"), lines, relations,
                        ints(rs.getArray("ballots_issued_lines")), rs.getInt("voters_on_list_line"),
                        ints(rs.getArray("share_denominator_lines")), rs.getString("share_denominator_name"),
                        rs.getInt("valid_ballots_line"), rs.getInt("invalid_ballots_line")))
                .optional();
    }

    private static List<Integer> ints(Array array) throws SQLException {
        return Arrays.asList((Integer[]) array.getArray());
    }

    static Election election(ResultSet rs, int n) throws SQLException {
        return new Election(new ElectionId(rs.getLong("id")), rs.getString("name"), ElectionType.valueOf(rs.getString("type")),
                rs.getBoolean("extraordinary"), rs.getObject("polling_day", java.time.LocalDate.class),
                rs.getObject("polls_open", java.time.LocalTime.class), rs.getObject("polls_close", java.time.LocalTime.class),
                new MapVersionId(rs.getLong("map_version_id")), ElectionStatus.valueOf(rs.getString("status")),
                rs.getInt("version"), rs.getBoolean("historic"));
    }

    static Contest contest(ResultSet rs, int n) throws SQLException {
        return new Contest(new ContestId(rs.getLong("id")), new ElectionId(rs.getLong("election_id")), rs.getString("name"),
                rs.getString("template_code"));
    }

    static Candidate candidate(ResultSet rs, int n) throws SQLException {
        return new Candidate(new CandidateId(rs.getLong("id")), new ContestId(rs.getLong("contest_id")),
                rs.getInt("ballot_order"), rs.getString("family_name"), rs.getString("given_name"),
                rs.getString("patronymic"), rs.getString("nominated_by"), CandidateStatus.valueOf(rs.getString("status")),
                rs.getString("reason"), rs.getInt("version"));
    }
}
