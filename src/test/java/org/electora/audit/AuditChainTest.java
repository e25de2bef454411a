package org.electora.audit;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.electora.support.ElectoraIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.electora.support.Latches.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ElectoraIntegrationTest
class AuditChainTest {

    @Autowired AuditLog log;
    @Autowired AuditChain chain;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcTemplate jdbc;

    @Test
    void recordedEventsAreSealedIntoAChainThatVerifies() {
        tx.executeWithoutResult(s -> {
            log.record("test.one", "test:1", Map.of("a", 1));
            log.record("test.two", "test:2", Map.of("b", "two"));
        });
        chain.seal();
        assertThat(chain.verify()).isInstanceOf(ChainVerification.Intact.class);
        var last = chain.events(0, 1000).stream().filter(e -> e.type().equals("test.two")).findFirst().orElseThrow();
        assertThat(last.payload()).isEqualTo("{\"b\":\"two\"}");
        assertThat(last.previousHash()).hasSize(64);
    }

    /**
     * {@link AuditChain#seal()} promises every event committed before it. A sealer already at work (the schedule, or
     * another replica) may have read its batch before those events committed: seal() waits for it and then seals
     * them, instead of returning at once with nothing sealed (a failure seen in a CI run of this class).
     */
    @Test
    void sealingWaitsForASealerAtWorkAndThenSealsWhatItLeft() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> otherSealer = threads.submit(() -> tx.executeWithoutResult(s -> {
            jdbc.queryForList("SELECT pg_advisory_xact_lock(" + 0x6175646974L + ")");
            held.countDown();
            await(release);
        }));
        await(held);
        tx.executeWithoutResult(s -> log.record("test.left", "test:left", Map.of("v", 1)));

        Future<Integer> sealing = threads.submit(chain::seal);
        try {
            Instant deadline = Instant.now().plusSeconds(10);
            while (jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'advisory'", Long.class) == 0) {
                assertThat(sealing).as("seal() while another sealer holds the chain").isNotDone();
                assertThat(Instant.now()).isBefore(deadline);
                Thread.sleep(20);
            }
        } finally {
            release.countDown();
        }
        otherSealer.get(10, TimeUnit.SECONDS);
        sealing.get(10, TimeUnit.SECONDS);
        threads.shutdown();

        assertThat(jdbc.queryForObject("SELECT seq FROM audit_event WHERE subject = 'test:left'", Long.class)).isNotNull();
    }

    @Test
    void anEventIsOnlyRecordedInsideTheTransactionOfItsChange() {
        assertThatThrownBy(() -> log.record("test.outside", "test:x", Map.of()))
                .hasMessageContaining("transaction");
    }

    @Test
    void aRolledBackChangeLeavesNoEvent() {
        // The change fails after its event was recorded: the change and its event roll back together.
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            log.record("test.rolledback", "test:rb", Map.of());
            throw new IllegalStateException("change failed");
        })).isExactlyInstanceOf(IllegalStateException.class).hasMessage("change failed");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE type = 'test.rolledback'", Long.class)).isZero();
    }

    @Test
    void sealedEventsCannotBeChangedOrDeletedThroughSql() {
        tx.executeWithoutResult(s -> log.record("test.immutable", "test:imm", Map.of("v", 1)));
        chain.seal();
        assertThatThrownBy(() -> jdbc.update("UPDATE audit_event SET actor = 'mallory' WHERE type = 'test.immutable'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM audit_event WHERE type = 'test.immutable'"))
                .hasMessageContaining("append-only");
    }

    @Test
    void anEventsContentCannotChangeBeforeItIsSealedEither() {
        // Sealed or not by the time the update runs (the sealer runs every 200 ms), the update is refused: only
        // the sealer's setting of seq and hashes on an unsealed event passes the guard.
        tx.executeWithoutResult(s -> log.record("test.unsealed", "test:unsealed", Map.of("v", 1)));
        assertThatThrownBy(() -> jdbc.update("UPDATE audit_event SET payload = '{\"v\":2}' WHERE type = 'test.unsealed'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("UPDATE audit_event SET subject = 'test:other' WHERE type = 'test.unsealed'"))
                .hasMessageContaining("append-only");
    }

    @Test
    void verificationNamesTheFirstAlteredEvent() {
        tx.executeWithoutResult(s -> {
            for (int i = 0; i < 5; i++) {
                log.record("test.tamper", "test:t" + i, Map.of("i", i));
            }
        });
        chain.seal();
        long target = jdbc.queryForObject("SELECT seq FROM audit_event WHERE subject = 'test:t2'", Long.class);
        try {
            // A database superuser bypasses the append-only trigger; the chain still exposes the edit.
            tx.executeWithoutResult(s -> {
                jdbc.execute("SET LOCAL session_replication_role = replica");
                jdbc.update("UPDATE audit_event SET payload = '{\"i\":99}' WHERE subject = 'test:t2'");
            });
            assertThat(chain.verify()).isInstanceOfSatisfying(ChainVerification.Broken.class, broken -> {
                assertThat(broken.sequence()).isEqualTo(target);
                assertThat(broken.reason()).contains("payload");
            });
        } finally {
            tx.executeWithoutResult(s -> {
                jdbc.execute("SET LOCAL session_replication_role = replica");
                jdbc.update("UPDATE audit_event SET payload = '{\"i\":2}' WHERE subject = 'test:t2'");
            });
        }
        assertThat(chain.verify()).isInstanceOf(ChainVerification.Intact.class);
    }
}
