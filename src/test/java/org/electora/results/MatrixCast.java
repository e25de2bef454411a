package org.electora.results;

import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import org.electora.geography.PollingStation;
import org.electora.platform.Role;
import org.electora.support.Api;
import org.electora.support.ElectionFixture;

/**
 * The cast of the results authorization matrices (API and staff pages): one account per column, each scoped as its
 * name says to the stations the cells act on — a domestic station and one abroad, and for the "other" columns a
 * station of another constituency or mission. Consular officers act on a station abroad of their own or of another
 * mission, or on a domestic one ({@code CSL_DOM}, the own mission's officer).
 */
final class MatrixCast {

    /** Columns: who calls. */
    enum Actor { ANON, CEC, CON_OWN, CON_FOR, PEC_OWN, PEC_FOR, CSL_OWN, CSL_OTH, CSL_DOM, ACCR, OBS, JOUR, AUD }

    /** A column's account; {@code ANON} has none. */
    record Member(String username, Role role) {
    }

    final PollingStation domestic;
    final PollingStation abroad;
    final Map<Actor, Member> members = new EnumMap<>(Actor.class);

    private MatrixCast(ElectionFixture.Counting e, Api admin, String prefix, String password) {
        domestic = e.domestic().getFirst();
        PollingStation otherDomestic = e.domestic().stream()
                .filter(s -> !s.constituencyId().equals(domestic.constituencyId())).findFirst().orElseThrow();
        abroad = e.abroad().getFirst();
        PollingStation otherAbroad = e.abroad().stream()
                .filter(s -> !s.abroad().missionId().equals(abroad.abroad().missionId())).findFirst().orElseThrow();
        String run = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        long organisation = admin.createOrganisation("Matrix observers " + run);
        add(admin, run, password, Actor.CEC, Role.CEC_ADMIN, "NATIONAL", null);
        add(admin, run, password, Actor.CON_OWN, Role.CONSTITUENCY_OPERATOR, "CONSTITUENCY", domestic.constituencyId().value());
        add(admin, run, password, Actor.CON_FOR, Role.CONSTITUENCY_OPERATOR, "CONSTITUENCY", otherDomestic.constituencyId().value());
        add(admin, run, password, Actor.PEC_OWN, Role.PRECINCT_OPERATOR, "STATION", domestic.id().value());
        add(admin, run, password, Actor.PEC_FOR, Role.PRECINCT_OPERATOR, "STATION", otherDomestic.id().value());
        add(admin, run, password, Actor.CSL_OWN, Role.CONSULAR_OFFICER, "MISSION", abroad.abroad().missionId().value());
        members.put(Actor.CSL_DOM, members.get(Actor.CSL_OWN));
        add(admin, run, password, Actor.CSL_OTH, Role.CONSULAR_OFFICER, "MISSION", otherAbroad.abroad().missionId().value());
        add(admin, run, password, Actor.ACCR, Role.ACCREDITATION_OFFICER, "NATIONAL", null);
        add(admin, run, password, Actor.OBS, Role.OBSERVER, "ORGANISATION", organisation);
        add(admin, run, password, Actor.JOUR, Role.JOURNALIST, "ORGANISATION", organisation);
        add(admin, run, password, Actor.AUD, Role.AUDITOR, "NATIONAL", null);
    }

    /** Creates every column's account for election {@code e}, usernames starting {@code prefix}. */
    static MatrixCast create(ElectionFixture.Counting e, Api admin, String prefix, String password) {
        return new MatrixCast(e, admin, prefix, password);
    }

    private void add(Api admin, String run, String password, Actor actor, Role role, String scopeKind, Long scopeId) {
        String username = run + "-" + actor.name().toLowerCase().replace('_', '-');
        admin.createStaff(username, role.name(), scopeKind, scopeId, password);
        members.put(actor, new Member(username, role));
    }

    /** The station a column's cells act on: abroad for the consular officers of a mission, else the domestic one. */
    PollingStation target(Actor actor) {
        return actor == Actor.CSL_OWN || actor == Actor.CSL_OTH ? abroad : domestic;
    }
}
