package org.electora.geography.internal;

import java.math.BigDecimal;
import java.util.List;

import org.electora.geography.Constituency;
import org.electora.geography.MapVersionId;
import org.electora.geography.PollingStation;
import org.electora.geography.Region;
import org.electora.platform.Conflict;
import org.electora.platform.CurrentStaff;
import org.electora.support.Api;
import org.electora.support.ElectoraIntegrationTest;
import org.electora.support.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A map version's regions, constituencies and stations are served from memory only while they are what the database
 * holds for the reader: after a committed edit, never after a rolled-back one, on another replica (another instance
 * of the map) without any eviction, and in a repeatable-read transaction that began before an edit.
 */
@ElectoraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WholeMapCacheTest {

    @LocalServerPort int port;
    @Autowired JdbcElectoralMap map;
    @Autowired StationEdits edits;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactionManager;

    private MapVersionId version;

    @BeforeAll
    void aMapOfItsOwn() {
        var imported = Api.admin(port).postRaw("/api/v1/maps?country=XR&name=Whole-map%20cache%20" + System.nanoTime(),
                "text/csv", Fixtures.smallRepublicMap());
        assertThat(imported.status()).isEqualTo(201);
        version = new MapVersionId(imported.json().get("version").asLong());
    }

    /** The map as an instance with nothing in memory reads it now: the uncached query results. */
    private JdbcElectoralMap fresh() {
        return new JdbcElectoralMap(jdbc);
    }

    private long revision() {
        return jdbc.sql("SELECT revision FROM map_version WHERE id = ?").param(version.value()).query(Long.class).single();
    }

    private PollingStation current(int index) {
        return fresh().stations(version).get(index);
    }

    private PollingStation edit(PollingStation s, String address) {
        return edit(s, address, s.version());
    }

    private PollingStation edit(PollingStation s, String address, int version) {
        return CurrentStaff.runAsSystem(() -> edits.edit(s.id(), new StationEdits.Edit(s.name(), address,
                s.coordinates() == null ? null : BigDecimal.valueOf(s.coordinates().latitude()),
                s.coordinates() == null ? null : BigDecimal.valueOf(s.coordinates().longitude()), s.capacity(), version)));
    }

    private static String addressOf(List<PollingStation> stations, PollingStation station) {
        return stations.stream().filter(s -> s.id().equals(station.id())).findFirst().orElseThrow().address();
    }

    private TransactionTemplate transaction(int propagation, int isolation) {
        TransactionTemplate template = new TransactionTemplate(transactionManager);
        template.setPropagationBehavior(propagation);
        template.setIsolationLevel(isolation);
        return template;
    }

    @Test
    void anUnchangedVersionIsServedFromMemoryAndEqualsAFreshRead() {
        List<PollingStation> stations = map.stations(version);
        List<Region> regions = map.regions(version);
        List<Constituency> constituencies = map.constituencies(version);

        assertThat(stations).hasSize(60).isEqualTo(fresh().stations(version));
        assertThat(regions).isNotEmpty().isEqualTo(fresh().regions(version));
        assertThat(constituencies).isNotEmpty().isEqualTo(fresh().constituencies(version));
        assertThat(map.stations(version)).isSameAs(stations);
        assertThat(map.regions(version)).isSameAs(regions);
        assertThat(map.constituencies(version)).isSameAs(constituencies);
    }

    @Test
    void aCommittedEditIsSeenAtOnceThoughTheListWasCachedBeforeItAndOnAnotherReplica() {
        JdbcElectoralMap replica = fresh();
        PollingStation station = current(7);
        List<PollingStation> before = map.stations(version);
        List<Region> regionsBefore = map.regions(version);
        List<Constituency> constituenciesBefore = map.constituencies(version);
        assertThat(replica.stations(version)).isEqualTo(before);

        edit(station, "7 Cached street, after");

        List<PollingStation> after = map.stations(version);
        assertThat(addressOf(after, station)).isEqualTo("7 Cached street, after");
        assertThat(after).isEqualTo(fresh().stations(version)).hasSameSizeAs(before);
        // The other replica's instance was told nothing: its revision check alone finds the edit.
        assertThat(addressOf(replica.stations(version), station)).isEqualTo("7 Cached street, after");
        // An edit changes no count: the listings are read again and are what they were.
        assertThat(map.regions(version)).isEqualTo(regionsBefore).isEqualTo(fresh().regions(version));
        assertThat(map.constituencies(version)).isEqualTo(constituenciesBefore).isEqualTo(fresh().constituencies(version));
    }

    @Test
    void theRevisionIsBumpedExactlyOncePerCommittedEdit() {
        long before = revision();
        PollingStation first = edit(current(11), "11 Revision street");
        assertThat(revision()).isEqualTo(before + 1);
        edit(first, "11 Revision street, again");
        assertThat(revision()).isEqualTo(before + 2);
        edit(current(12), "12 Revision street");
        assertThat(revision()).isEqualTo(before + 3);
    }

    @Test
    void aStaleEditIsAConflictAndLeavesTheRevisionAndTheCachedListAsTheyWere() {
        PollingStation station = current(19);
        edit(station, "19 First street");
        List<PollingStation> cached = map.stations(version);
        long revision = revision();

        assertThatThrownBy(() -> edit(station, "19 Stale street"))
                .isInstanceOfSatisfying(Conflict.class, c -> assertThat(c.ruleCode()).isEqualTo("GEO-409"));

        assertThat(revision()).isEqualTo(revision);
        assertThat(map.stations(version)).isSameAs(cached).isEqualTo(fresh().stations(version));
        assertThat(addressOf(cached, station)).isEqualTo("19 First street");
    }

    /** Edits the station, reads the whole version's stations in the same transaction, then rolls the edit back. */
    private List<PollingStation> readInsideRolledBackEdit(PollingStation station, String address) {
        return transaction(TransactionDefinition.PROPAGATION_REQUIRED, TransactionDefinition.ISOLATION_DEFAULT).execute(tx -> {
            edit(station, address);
            List<PollingStation> read = map.stations(version);
            tx.setRollbackOnly();
            return read;
        });
    }

    @Test
    void aListReadInsideAnEditThatRollsBackIsNeverServedAfterwards() {
        PollingStation rolledBack = current(23);
        PollingStation committed = current(29);
        long revision = revision();

        List<PollingStation> seenInside = readInsideRolledBackEdit(rolledBack, "23 Never street");
        assertThat(addressOf(seenInside, rolledBack)).isEqualTo("23 Never street");
        assertThat(revision()).isEqualTo(revision);
        assertThat(map.stations(version)).isEqualTo(fresh().stations(version));
        assertThat(addressOf(map.stations(version), rolledBack)).isEqualTo(rolledBack.address());

        // Another edit now commits the revision the rolled-back one had reached, with other rows.
        List<PollingStation> inside = readInsideRolledBackEdit(rolledBack, "23 Never street, twice");
        assertThat(addressOf(inside, rolledBack)).isEqualTo("23 Never street, twice");
        edit(committed, "29 Committed street");
        assertThat(revision()).isEqualTo(revision + 1);

        List<PollingStation> after = map.stations(version);
        assertThat(after).isEqualTo(fresh().stations(version));
        assertThat(addressOf(after, rolledBack)).isEqualTo(rolledBack.address());
        assertThat(addressOf(after, committed)).isEqualTo("29 Committed street");
    }

    @Test
    void aRepeatableReadReaderKeepsItsSnapshotsRowsThoughNewerOnesAreCached() {
        PollingStation station = current(31);
        TransactionTemplate other = transaction(TransactionDefinition.PROPAGATION_REQUIRES_NEW,
                TransactionDefinition.ISOLATION_DEFAULT);

        transaction(TransactionDefinition.PROPAGATION_REQUIRED, TransactionDefinition.ISOLATION_REPEATABLE_READ)
                .executeWithoutResult(tx -> {
                    List<PollingStation> snapshot = map.stations(version);
                    other.executeWithoutResult(t -> edit(station, "31 Later street"));
                    List<PollingStation> newer = other.execute(t -> map.stations(version));
                    assertThat(addressOf(newer, station)).isEqualTo("31 Later street");

                    List<PollingStation> again = map.stations(version);
                    assertThat(again).isEqualTo(snapshot);
                    assertThat(addressOf(again, station)).isEqualTo(station.address());
                });
        assertThat(addressOf(map.stations(version), station)).isEqualTo("31 Later street");
    }

    @Test
    void returnedListsAreUnmodifiableWhetherReadOrCached() {
        JdbcElectoralMap empty = fresh();
        for (JdbcElectoralMap m : List.of(empty, empty, map)) {
            List<PollingStation> stations = m.stations(version);
            assertThatThrownBy(() -> stations.remove(0)).isInstanceOf(UnsupportedOperationException.class);
            List<Region> regions = m.regions(version);
            assertThatThrownBy(() -> regions.add(regions.getFirst())).isInstanceOf(UnsupportedOperationException.class);
            List<Constituency> constituencies = m.constituencies(version);
            assertThatThrownBy(constituencies::clear).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void anUnknownVersionIsAnEmptyList() {
        MapVersionId unknown = new MapVersionId(Long.MAX_VALUE);
        assertThat(map.stations(unknown)).isEmpty();
        assertThat(map.regions(unknown)).isEmpty();
        assertThat(map.constituencies(unknown)).isEmpty();
    }

    @Test
    void onlyAFewVersionsAreKept() {
        List<PollingStation> first = map.stations(version);
        assertThat(map.stations(version)).isSameAs(first);
        for (int i = 0; i < JdbcElectoralMap.CACHED_VERSIONS; i++) {
            map.stations(new MapVersionId(Api.admin(port).postRaw("/api/v1/maps?country=XR&name=Whole-map%20cache%20other%20"
                    + System.nanoTime(), "text/csv", Fixtures.smallRepublicMap()).json().get("version").asLong()));
        }
        assertThat(map.stations(version)).isNotSameAs(first).isEqualTo(first);
    }
}
