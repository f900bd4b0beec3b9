package dev.j8s.controllers.podautoscaler;

import java.time.Instant;

/**
 * What the replica calculation needs to know about one pod the HPA's selector matches.
 *
 * @param request     the pod's summed container requests of the metric's resource, in milli-units;
 *                    -1 when a container has none
 * @param usage       the pod's summed container usage in milli-units, or null without a metric
 * @param ready       the pod's Ready condition is True
 * @param startTime   status.startTime (null when not started)
 * @param readySince  when the Ready condition last changed (null without one)
 * @param ignored     deleted or failed pods, which count for nothing
 * @param pending     the pod has not started running
 */
record PodSample(String name, long request, Long usage, boolean ready, Instant startTime, Instant readySince,
                 boolean ignored, boolean pending) {}
