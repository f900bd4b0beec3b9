package dev.j8s.scheduler;

import static dev.j8s.scheduler.testing.TestNode.node;
import static dev.j8s.scheduler.testing.TestPod.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.scheduler.framework.CycleState;
import dev.j8s.scheduler.framework.PermitPlugin;
import dev.j8s.scheduler.framework.Plugin;
import dev.j8s.scheduler.framework.PodInfo;
import dev.j8s.scheduler.framework.PreBindPlugin;
import dev.j8s.scheduler.framework.Profile;
import dev.j8s.scheduler.framework.ReservePlugin;
import dev.j8s.scheduler.framework.Status;
import dev.j8s.scheduler.framework.WaitingPod;
import dev.j8s.scheduler.plugins.defaultbinder.DefaultBinder;
import dev.j8s.scheduler.plugins.noderesources.Fit;
import dev.j8s.scheduler.testing.FakeClock;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reserve, Permit (allow, reject, wait) and PreBind around the asynchronous bind. */
class BindingCycleTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> bindings = new ConcurrentHashMap<>();
    private final List<SchedulingFailure> failures = new CopyOnWriteArrayList<>();
    private final ExecutorService bindingThreads = Executors.newSingleThreadExecutor();
    private Scheduler scheduler;

    /** Records its calls; rejects at the extension point named by {@code rejectAt}, or asks Permit to wait. */
    private final class Recorder implements ReservePlugin, PermitPlugin, PreBindPlugin {
        private final String name;
        private final String rejectAt;

        Recorder(String name, String rejectAt) {
            this.name = name;
            this.rejectAt = rejectAt;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Status reserve(CycleState state, PodInfo pod, String nodeName) {
            calls.add(name + ".reserve");
            return "reserve".equals(rejectAt) ? Status.unschedulable(name + " says no") : Status.SUCCESS;
        }

        @Override
        public void unreserve(CycleState state, PodInfo pod, String nodeName) {
            calls.add(name + ".unreserve");
        }

        @Override
        public Decision permit(CycleState state, PodInfo pod, String nodeName) {
            calls.add(name + ".permit");
            return switch (String.valueOf(rejectAt)) {
                case "permit" -> new Decision(Status.unschedulable(name + " rejects"), Duration.ZERO);
                case "wait" -> new Decision(Status.of(dev.j8s.scheduler.framework.Code.WAIT), Duration.ofSeconds(30));
                default -> Decision.ALLOW;
            };
        }

        @Override
        public Status preBind(CycleState state, PodInfo pod, String nodeName) {
            calls.add(name + ".preBind");
            return Status.SUCCESS;
        }
    }

    private void start(Plugin... extra) {
        Binder binder = (pod, nodeName) -> bindings.put(pod.getMetadata().getName(), nodeName);
        List<Plugin> plugins = new java.util.ArrayList<>(List.of(new Fit()));
        plugins.addAll(List.of(extra));
        plugins.add(new DefaultBinder(binder));
        SchedulingListener listener = new SchedulingListener() {
            @Override
            public void unschedulable(Pod pod, SchedulingFailure failure) {
                failures.add(failure);
            }
        };
        scheduler = new Scheduler((s, ns) -> new Profile("default-scheduler", plugins, Map.of(), 0), listener,
                new FakeClock(Instant.EPOCH), new Random(1), bindingThreads);
        scheduler.addNode(node("n1").build());
        scheduler.addPod(pod("p").cpu("1").build());
    }

    @AfterEach
    void stop() {
        scheduler.close();
        bindingThreads.shutdownNow();
    }

    @Test
    void allPointsRunInOrderBeforeTheBind() {
        start(new Recorder("a", null), new Recorder("b", null));
        scheduler.scheduleNext();
        Awaitility.await().until(() -> bindings.containsKey("p"));
        assertThat(calls).containsExactly("a.reserve", "b.reserve", "a.permit", "b.permit", "a.preBind", "b.preBind");
    }

    @Test
    void reserveFailureUnreservesInReverseOrderAndForgetsNothing() {
        start(new Recorder("a", null), new Recorder("b", "reserve"));
        scheduler.scheduleNext();
        assertThat(calls).containsExactly("a.reserve", "b.reserve", "b.unreserve", "a.unreserve");
        assertThat(scheduler.cache().hasPod("default-p")).isFalse();
        assertThat(failures).extracting(SchedulingFailure::reason, SchedulingFailure::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Unschedulable", "0/1 nodes are available: 1 b says no."));
        assertThat(scheduler.queue().unschedulableCount()).isEqualTo(1);
    }

    @Test
    void permitRejectionReleasesTheAssumedPod() {
        start(new Recorder("a", "permit"));
        scheduler.scheduleNext();
        assertThat(calls).containsExactly("a.reserve", "a.permit", "a.unreserve");
        assertThat(scheduler.cache().hasPod("default-p")).isFalse();
        assertThat(bindings).isEmpty();
    }

    @Test
    void aFailingPluginDoesNotStopTheSchedulerAndThePodIsRetried() {
        start(new ReservePlugin() {
            private boolean failed;

            @Override
            public String name() {
                return "Flaky";
            }

            @Override
            public Status reserve(CycleState state, PodInfo pod, String nodeName) {
                if (!failed) {
                    failed = true;
                    throw new IllegalStateException("flaky plugin");
                }
                return Status.SUCCESS;
            }

            @Override
            public void unreserve(CycleState state, PodInfo pod, String nodeName) {
            }
        });
        scheduler.scheduleNext();
        assertThat(failures).extracting(SchedulingFailure::reason).containsExactly("SchedulerError");
        assertThat(failures.get(0).message()).contains("flaky plugin");
        assertThat(scheduler.queue().backoffCount()).isEqualTo(1);
    }

    @Test
    void waitingPodBindsOnceAllowed() {
        start(new Recorder("gang", "wait"));
        scheduler.scheduleNext();
        // assumed while waiting, so the next cycle already counts it
        assertThat(scheduler.cache().isAssumed("default-p")).isTrue();
        assertThat(bindings).isEmpty();

        Awaitility.await().until(() -> scheduler.framework().waitingPod("default-p") != null);
        WaitingPod waiting = scheduler.framework().waitingPod("default-p");
        waiting.allow("gang");
        Awaitility.await().until(() -> bindings.containsKey("p"));
    }

    @Test
    void waitingPodRejectedIsForgotten() {
        start(new Recorder("gang", "wait"));
        scheduler.scheduleNext();
        scheduler.framework().waitingPod("default-p").reject("gang", "the gang is incomplete");
        Awaitility.await().until(() -> !failures.isEmpty());
        assertThat(failures.get(0).message()).isEqualTo("0/1 nodes are available: 1 the gang is incomplete.");
        Awaitility.await().until(() -> !scheduler.cache().hasPod("default-p"));
        assertThat(calls).contains("gang.unreserve");
    }
}
