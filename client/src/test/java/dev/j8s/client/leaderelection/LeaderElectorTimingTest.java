package dev.j8s.client.leaderelection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.client.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Leader-election timing decisions on fake time, against an in-memory lock with versioned writes. */
class LeaderElectorTimingTest {

    private final ManualScheduler time = new ManualScheduler();
    private final Instant t0 = time.now();
    private final SharedLease lease = new SharedLease();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private static final LeaderElectionConfig CONFIG = LeaderElectionConfig.DEFAULTS.withJitterFactor(0);

    private LeaderElector candidate(String identity) {
        return new LeaderElector(lease.lockFor(identity), CONFIG, new LeaderCallbacks() {
            @Override
            public void onStartedLeading() {
                log.add(identity + " started at +" + seconds());
            }

            @Override
            public void onStoppedLeading() {
                log.add(identity + " stopped at +" + seconds());
            }
        }, time);
    }

    private long seconds() {
        return Duration.between(t0, time.now()).toSeconds();
    }

    @Test
    void theFirstCandidateCreatesTheLeaseAndExactlyOneLeads() {
        LeaderElector a = candidate("a");
        LeaderElector b = candidate("b");
        a.start();
        b.start();
        time.advance(Duration.ZERO);
        assertThat(a.isLeader()).isTrue();
        assertThat(b.isLeader()).isFalse();
        assertThat(b.observedLeader()).isEqualTo("a");
        assertThat(lease.record).isEqualTo(new LeaderElectionRecord("a", 15, t0, t0, 0));
        time.advance(Duration.ofMinutes(5));
        assertThat(a.isLeader()).isTrue();
        assertThat(b.isLeader()).isFalse();
        assertThat(log).containsExactly("a started at +0");
    }

    @Test
    void theLeaderRenewsEveryRetryPeriodAndKeepsItsAcquireTime() {
        LeaderElector a = candidate("a");
        a.start();
        time.advance(Duration.ofSeconds(5));
        assertThat(lease.record.renewTime()).isEqualTo(t0.plusSeconds(4));
        assertThat(lease.record.acquireTime()).isEqualTo(t0);
        assertThat(lease.writes).isEqualTo(3);
    }

    @Test
    void aLeaderThatCannotRenewStopsAfterTheRenewDeadlineAndAnotherTakesOverAfterTheLeaseDuration() {
        LeaderElector a = candidate("a");
        LeaderElector b = candidate("b");
        a.start();
        b.start();
        time.advance(Duration.ofSeconds(4));
        lease.partitioned = "a";

        time.advance(Duration.ofSeconds(9));
        assertThat(a.isLeader()).as("last renewal at +4, deadline 10 s").isTrue();
        time.advance(Duration.ofSeconds(1));
        assertThat(a.isLeader()).isFalse();
        assertThat(log).containsExactly("a started at +0", "a stopped at +14");

        time.advance(Duration.ofSeconds(4));
        assertThat(b.isLeader()).as("a's record last changed at +4: valid until +19").isFalse();
        time.advance(Duration.ofSeconds(2));
        assertThat(b.isLeader()).isTrue();
        assertThat(log).last().isEqualTo("b started at +20");
        assertThat(lease.record).isEqualTo(new LeaderElectionRecord("b", 15, t0.plusSeconds(20),
                t0.plusSeconds(20), 1));
    }

    @Test
    void aCleanStopReleasesTheLeaseSoTheNextAttemptOfAnotherCandidateTakesIt() {
        LeaderElector a = candidate("a");
        LeaderElector b = candidate("b");
        a.start();
        b.start();
        time.advance(Duration.ofSeconds(3));
        a.stop();
        assertThat(lease.record.holderIdentity()).isEmpty();
        assertThat(lease.record.leaseDurationSeconds()).isEqualTo(1);
        assertThat(log).containsExactly("a started at +0", "a stopped at +3");

        time.advance(Duration.ofSeconds(1));
        assertThat(b.isLeader()).isTrue();
        assertThat(lease.record.holderIdentity()).isEqualTo("b");
        assertThat(lease.record.leaseTransitions()).isEqualTo(1);
        time.advance(Duration.ofSeconds(30));
        assertThat(a.isLeader()).isFalse();
        assertThat(time.pendingTasks()).as("only b's renewal timer remains").isEqualTo(1);
    }

    @Test
    void aWriteOverAStaleVersionFailsSoTwoCandidatesNeverBothWin() {
        LeaseLock a = lease.lockFor("a");
        LeaseLock b = lease.lockFor("b");
        a.create(new LeaderElectionRecord("a", 15, t0, t0, 0));
        assertThat(a.get()).isPresent();
        assertThat(b.get()).isPresent();
        a.update(new LeaderElectionRecord("a", 15, t0, t0.plusSeconds(2), 0));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> b.update(new LeaderElectionRecord("b", 15, t0, t0, 1)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(lease.record.holderIdentity()).isEqualTo("a");
    }

    /** One lease record with a version, and per-candidate views that remember the version they saw. */
    private static final class SharedLease {
        LeaderElectionRecord record;
        long version;
        int writes;
        volatile String partitioned;

        LeaseLock lockFor(String identity) {
            return new LeaseLock() {
                long seen = -1;

                @Override
                public Optional<LeaderElectionRecord> get() {
                    reachable();
                    seen = version;
                    return Optional.ofNullable(record);
                }

                @Override
                public void create(LeaderElectionRecord r) {
                    reachable();
                    if (record != null) {
                        throw new IllegalStateException("AlreadyExists");
                    }
                    write(r);
                }

                @Override
                public void update(LeaderElectionRecord r) {
                    reachable();
                    if (seen != version) {
                        throw new IllegalStateException("Conflict");
                    }
                    write(r);
                }

                private void write(LeaderElectionRecord r) {
                    record = r;
                    seen = ++version;
                    writes++;
                }

                private void reachable() {
                    if (identity.equals(partitioned)) {
                        throw new IllegalStateException("connection refused");
                    }
                }

                @Override
                public String identity() {
                    return identity;
                }

                @Override
                public String describe() {
                    return "test/lease";
                }
            };
        }
    }
}
