package dev.j8s.agent.cri;

import dev.j8s.agent.cri.v1.AttachRequest;
import dev.j8s.agent.cri.v1.AuthConfig;
import dev.j8s.agent.cri.v1.Container;
import dev.j8s.agent.cri.v1.ContainerConfig;
import dev.j8s.agent.cri.v1.ContainerFilter;
import dev.j8s.agent.cri.v1.ContainerStats;
import dev.j8s.agent.cri.v1.ContainerStatsFilter;
import dev.j8s.agent.cri.v1.ContainerStatsRequest;
import dev.j8s.agent.cri.v1.ContainerStatusRequest;
import dev.j8s.agent.cri.v1.ContainerStatusResponse;
import dev.j8s.agent.cri.v1.CreateContainerRequest;
import dev.j8s.agent.cri.v1.ExecRequest;
import dev.j8s.agent.cri.v1.ExecSyncRequest;
import dev.j8s.agent.cri.v1.ExecSyncResponse;
import dev.j8s.agent.cri.v1.Image;
import dev.j8s.agent.cri.v1.ImageFilter;
import dev.j8s.agent.cri.v1.ImageFsInfoRequest;
import dev.j8s.agent.cri.v1.ImageFsInfoResponse;
import dev.j8s.agent.cri.v1.ImageServiceGrpc;
import dev.j8s.agent.cri.v1.ImageSpec;
import dev.j8s.agent.cri.v1.ImageStatusRequest;
import dev.j8s.agent.cri.v1.ImageStatusResponse;
import dev.j8s.agent.cri.v1.ListContainerStatsRequest;
import dev.j8s.agent.cri.v1.ListContainersRequest;
import dev.j8s.agent.cri.v1.ListImagesRequest;
import dev.j8s.agent.cri.v1.ListPodSandboxRequest;
import dev.j8s.agent.cri.v1.PodSandbox;
import dev.j8s.agent.cri.v1.PodSandboxConfig;
import dev.j8s.agent.cri.v1.PodSandboxFilter;
import dev.j8s.agent.cri.v1.PodSandboxStatusRequest;
import dev.j8s.agent.cri.v1.PodSandboxStatusResponse;
import dev.j8s.agent.cri.v1.PortForwardRequest;
import dev.j8s.agent.cri.v1.PullImageRequest;
import dev.j8s.agent.cri.v1.RemoveContainerRequest;
import dev.j8s.agent.cri.v1.RemoveImageRequest;
import dev.j8s.agent.cri.v1.RemovePodSandboxRequest;
import dev.j8s.agent.cri.v1.RunPodSandboxRequest;
import dev.j8s.agent.cri.v1.RuntimeServiceGrpc;
import dev.j8s.agent.cri.v1.StartContainerRequest;
import dev.j8s.agent.cri.v1.StatusRequest;
import dev.j8s.agent.cri.v1.StatusResponse;
import dev.j8s.agent.cri.v1.StopContainerRequest;
import dev.j8s.agent.cri.v1.StopPodSandboxRequest;
import dev.j8s.agent.cri.v1.VersionRequest;
import dev.j8s.agent.cri.v1.VersionResponse;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The kubelet's view of a CRI v1 runtime (containerd): RuntimeService and ImageService over the runtime's
 * unix socket. Every call has a deadline ({@link #callTimeout} as the kubelet's
 * {@code --runtime-request-timeout}, a longer one for pulls) and failures come out as
 * {@link CriException}s. Thread-safe; one instance per runtime socket.
 */
public final class CriClient implements AutoCloseable {
  /** The CRI API version the kubelet announces in VersionRequest. */
  public static final String API_VERSION = "v1";
  /** The kubelet's default --runtime-request-timeout. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(2);
  /** Pulls of large images take long; the kubelet gives them no short deadline either. */
  public static final Duration DEFAULT_PULL_TIMEOUT = Duration.ofMinutes(10);
  /** The kubelet's limit for CRI messages (ListContainers on a busy node is big). */
  private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  private final Path socket;
  private final EventLoopGroup eventLoop;
  private final ManagedChannel channel;
  private final Duration callTimeout;
  private final Duration pullTimeout;

  public CriClient(Path socket, Duration callTimeout, Duration pullTimeout) {
    this.socket = socket;
    this.callTimeout = callTimeout;
    this.pullTimeout = pullTimeout;
    this.eventLoop = new EpollEventLoopGroup(1, new DefaultThreadFactory("cri-client", true));
    this.channel = NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
        .eventLoopGroup(eventLoop)
        .channelType(EpollDomainSocketChannel.class)
        .usePlaintext()
        // The socket path is no valid HTTP/2 authority; containerd ignores it anyway.
        .overrideAuthority("localhost")
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .build();
  }

  public static CriClient connect(Path socket) {
    return new CriClient(socket, DEFAULT_CALL_TIMEOUT, DEFAULT_PULL_TIMEOUT);
  }

  public Path socket() {
    return socket;
  }

  // ---- runtime

  public VersionResponse version() {
    return call("Version", () -> runtime(callTimeout).version(
        VersionRequest.newBuilder().setVersion(API_VERSION).build()));
  }

  /**
   * Version, but waiting up to {@code timeout} for the socket to appear and the runtime to serve, as
   * a freshly started runtime needs.
   */
  public VersionResponse versionWhenReady(Duration timeout) {
    return call("Version", () -> RuntimeServiceGrpc.newBlockingStub(channel)
        .withWaitForReady()
        .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .version(VersionRequest.newBuilder().setVersion(API_VERSION).build()));
  }

  public StatusResponse status() {
    return status(false);
  }

  /** The runtime's conditions; {@code verbose} adds its configuration to the info map (containerd: "config"). */
  public StatusResponse status(boolean verbose) {
    return call("Status", () -> runtime(callTimeout).status(StatusRequest.newBuilder().setVerbose(verbose).build()));
  }

  /** Passes the node's pod CIDR(s), comma-separated, to the runtime (CRI UpdateRuntimeConfig). */
  public void updateRuntimeConfig(String podCidr) {
    call("UpdateRuntimeConfig", () -> runtime(callTimeout).updateRuntimeConfig(
        dev.j8s.agent.cri.v1.UpdateRuntimeConfigRequest.newBuilder().setRuntimeConfig(
            dev.j8s.agent.cri.v1.RuntimeConfig.newBuilder().setNetworkConfig(
                dev.j8s.agent.cri.v1.NetworkConfig.newBuilder().setPodCidr(podCidr))).build()));
  }

  // ---- pod sandboxes

  /** Creates and starts a sandbox (pause container, network namespace, CNI); returns its id. */
  public String runPodSandbox(PodSandboxConfig config, String runtimeHandler) {
    return call("RunPodSandbox", () -> runtime(callTimeout).runPodSandbox(RunPodSandboxRequest.newBuilder()
        .setConfig(config).setRuntimeHandler(runtimeHandler).build())).getPodSandboxId();
  }

  /** Stops every container of the sandbox and tears down its network; stopping twice is no error. */
  public void stopPodSandbox(String podSandboxId) {
    call("StopPodSandbox", () -> runtime(callTimeout).stopPodSandbox(
        StopPodSandboxRequest.newBuilder().setPodSandboxId(podSandboxId).build()));
  }

  /** Removes a stopped sandbox and its containers; removing one that is gone is no error. */
  public void removePodSandbox(String podSandboxId) {
    call("RemovePodSandbox", () -> runtime(callTimeout).removePodSandbox(
        RemovePodSandboxRequest.newBuilder().setPodSandboxId(podSandboxId).build()));
  }

  public PodSandboxStatusResponse podSandboxStatus(String podSandboxId) {
    return call("PodSandboxStatus", () -> runtime(callTimeout).podSandboxStatus(
        PodSandboxStatusRequest.newBuilder().setPodSandboxId(podSandboxId).build()));
  }

  public List<PodSandbox> listPodSandbox(PodSandboxFilter filter) {
    return call("ListPodSandbox", () -> runtime(callTimeout).listPodSandbox(
        ListPodSandboxRequest.newBuilder().setFilter(filter).build())).getItemsList();
  }

  // ---- containers

  /** Creates a container in a sandbox; returns its id. The image must already be pulled. */
  public String createContainer(String podSandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig) {
    return call("CreateContainer", () -> runtime(callTimeout).createContainer(CreateContainerRequest.newBuilder()
        .setPodSandboxId(podSandboxId).setConfig(config).setSandboxConfig(sandboxConfig).build()))
        .getContainerId();
  }

  public void startContainer(String containerId) {
    call("StartContainer", () -> runtime(callTimeout).startContainer(
        StartContainerRequest.newBuilder().setContainerId(containerId).build()));
  }

  /**
   * Sends the stop signal, then SIGKILL after {@code gracePeriod} (the pod's grace period); the deadline
   * of the call grows by the grace period, as the kubelet's does.
   */
  public void stopContainer(String containerId, Duration gracePeriod) {
    call("StopContainer", () -> runtime(callTimeout.plus(gracePeriod)).stopContainer(StopContainerRequest
        .newBuilder().setContainerId(containerId).setTimeout(gracePeriod.toSeconds()).build()));
  }

  public void removeContainer(String containerId) {
    call("RemoveContainer", () -> runtime(callTimeout).removeContainer(
        RemoveContainerRequest.newBuilder().setContainerId(containerId).build()));
  }

  public ContainerStatusResponse containerStatus(String containerId) {
    return call("ContainerStatus", () -> runtime(callTimeout).containerStatus(
        ContainerStatusRequest.newBuilder().setContainerId(containerId).build()));
  }

  public List<Container> listContainers(ContainerFilter filter) {
    return call("ListContainers", () -> runtime(callTimeout).listContainers(
        ListContainersRequest.newBuilder().setFilter(filter).build())).getContainersList();
  }

  // ---- exec, attach, port-forward

  /** Runs a command in a container and waits for it (exec probes); {@code timeout} zero means none. */
  public ExecResult execSync(String containerId, List<String> command, Duration timeout) {
    ExecSyncResponse response = call("ExecSync", () -> runtime(callTimeout.plus(timeout)).execSync(
        ExecSyncRequest.newBuilder().setContainerId(containerId).addAllCmd(command)
            .setTimeout(timeout.toSeconds()).build()));
    return new ExecResult(response.getExitCode(), response.getStdout().toByteArray(),
        response.getStderr().toByteArray());
  }

  /** The runtime's streaming URL for an interactive exec; the agent proxies the API server to it. */
  public URI exec(ExecRequest request) {
    return URI.create(call("Exec", () -> runtime(callTimeout).exec(request)).getUrl());
  }

  public URI attach(AttachRequest request) {
    return URI.create(call("Attach", () -> runtime(callTimeout).attach(request)).getUrl());
  }

  public URI portForward(String podSandboxId, List<Integer> ports) {
    return URI.create(call("PortForward", () -> runtime(callTimeout).portForward(
        PortForwardRequest.newBuilder().setPodSandboxId(podSandboxId).addAllPort(ports).build())).getUrl());
  }

  // ---- stats

  public ContainerStats containerStats(String containerId) {
    return call("ContainerStats", () -> runtime(callTimeout).containerStats(
        ContainerStatsRequest.newBuilder().setContainerId(containerId).build())).getStats();
  }

  public List<ContainerStats> listContainerStats(ContainerStatsFilter filter) {
    return call("ListContainerStats", () -> runtime(callTimeout).listContainerStats(
        ListContainerStatsRequest.newBuilder().setFilter(filter).build())).getStatsList();
  }

  // ---- images

  /**
   * Pulls an image (with registry credentials when {@code auth} is not null); returns its image ref.
   * containerd 1.6 parses {@code auth.server_address} as a URL: give it with its scheme
   * ({@code https://host:port}) or leave it empty, a bare {@code host:port} fails the pull.
   */
  public String pullImage(String image, AuthConfig auth, PodSandboxConfig sandboxConfig) {
    PullImageRequest.Builder request = PullImageRequest.newBuilder().setImage(spec(image));
    if (auth != null) {
      request.setAuth(auth);
    }
    if (sandboxConfig != null) {
      request.setSandboxConfig(sandboxConfig);
    }
    try {
      return images(pullTimeout).pullImage(request.build()).getImageRef();
    } catch (StatusRuntimeException e) {
      throw CriErrors.translatePull(image, e);
    }
  }

  public String pullImage(String image) {
    return pullImage(image, null, null);
  }

  public List<Image> listImages(ImageFilter filter) {
    return call("ListImages", () -> images(callTimeout).listImages(
        ListImagesRequest.newBuilder().setFilter(filter).build())).getImagesList();
  }

  /** The image if the runtime has it; empty when it must be pulled first. */
  public Optional<Image> imageStatus(String image) {
    ImageStatusResponse response = call("ImageStatus", () -> images(callTimeout).imageStatus(
        ImageStatusRequest.newBuilder().setImage(spec(image)).build()));
    return response.hasImage() ? Optional.of(response.getImage()) : Optional.empty();
  }

  public void removeImage(String image) {
    call("RemoveImage", () -> images(callTimeout).removeImage(
        RemoveImageRequest.newBuilder().setImage(spec(image)).build()));
  }

  public ImageFsInfoResponse imageFsInfo() {
    return call("ImageFsInfo", () -> images(callTimeout).imageFsInfo(ImageFsInfoRequest.getDefaultInstance()));
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    eventLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private static ImageSpec spec(String image) {
    return ImageSpec.newBuilder().setImage(image).build();
  }

  private RuntimeServiceGrpc.RuntimeServiceBlockingStub runtime(Duration deadline) {
    return RuntimeServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  private ImageServiceGrpc.ImageServiceBlockingStub images(Duration deadline) {
    return ImageServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static <T> T call(String operation, Supplier<T> rpc) {
    try {
      return rpc.get();
    } catch (StatusRuntimeException e) {
      throw CriErrors.translate(operation, e);
    }
  }
}
