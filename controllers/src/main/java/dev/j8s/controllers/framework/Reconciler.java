package dev.j8s.controllers.framework;

import java.time.Duration;

/**
 * The controller contract: bring the object named by {@code key} ("namespace/name") to its desired
 * state, reading from informer caches and writing through the API. Level-triggered: it is called
 * with a key, never with an event, and must be idempotent. Throwing requeues the key with backoff
 * (see {@link ControllerRunner}); a returned {@link Result} says whether to look again later.
 */
@FunctionalInterface
public interface Reconciler {

    Result reconcile(String key) throws Exception;

    /** What the runner does with the key once reconcile returned normally. */
    record Result(Duration requeueAfter) {

        private static final Result DONE = new Result(Duration.ZERO);

        /** Nothing more to do until the next change is observed. */
        public static Result done() {
            return DONE;
        }

        /** Look again after {@code delay} (a deadline or minReadySeconds falls due then). */
        public static Result requeueAfter(Duration delay) {
            return delay.isNegative() || delay.isZero() ? new Result(Duration.ofMillis(1)) : new Result(delay);
        }

        public boolean requeue() {
            return !requeueAfter.isZero();
        }

        /** The sooner of two results (a reconciler that checks several deadlines keeps the earliest). */
        public Result sooner(Result other) {
            if (!requeue()) {
                return other;
            }
            if (!other.requeue()) {
                return this;
            }
            return requeueAfter.compareTo(other.requeueAfter) <= 0 ? this : other;
        }
    }
}
