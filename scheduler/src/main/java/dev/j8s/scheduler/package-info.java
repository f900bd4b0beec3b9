/**
 * The j8s scheduler, shaped like Kubernetes' {@code pkg/scheduler}.
 *
 * <ul>
 * <li>{@code framework}: extension points ({@code PreFilterPlugin} .. {@code BindPlugin}), {@code Status},
 *     {@code CycleState}, {@code NodeInfo}/{@code PodInfo}, the {@code Framework} that runs a {@code Profile},
 *     {@code FitError} with Kubernetes' exact message;</li>
 * <li>{@code cache}: the {@code SchedulerCache} of nodes and assigned/assumed pods and the per-cycle
 *     {@code Snapshot} (only nodes whose generation moved are copied);</li>
 * <li>{@code queue}: the {@code SchedulingQueue} (activeQ, backoffQ, unschedulable pods) on an injected clock;</li>
 * <li>{@code plugins.*}: one package per default plugin; {@link dev.j8s.scheduler.DefaultProfile} lists them
 *     in Kubernetes' order with its score weights;</li>
 * <li>{@link dev.j8s.scheduler.Scheduler}: the scheduling cycle and the asynchronous binding cycle.</li>
 * </ul>
 *
 * <p>Wiring (done by the caller): node informer events to {@code addNode/updateNode/removeNode}, pod informer
 * events (all pods) to {@code addPod/updatePod/removePod}, namespace events to
 * {@code addNamespace/updateNamespace/removeNamespace} (for affinity namespaceSelectors); a {@link dev.j8s.scheduler.Binder} that creates the
 * {@code pods/binding}; a {@link dev.j8s.scheduler.SchedulingListener} that writes the PodScheduled=False
 * condition ({@code reason}/{@code message} of the {@link dev.j8s.scheduler.SchedulingFailure}),
 * {@code status.nominatedNodeName}, and deletes preemption victims. Then {@code start()}; {@code close()} stops it.
 */
package dev.j8s.scheduler;
