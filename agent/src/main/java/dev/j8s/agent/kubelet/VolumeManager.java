package dev.j8s.agent.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.ServiceAccountTokenProjection;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import dev.j8s.agent.runtime.Mount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Materialises a pod's volumes as directories under {@code <data-dir>/pods/<uid>/.volumes/<name>}
 * (a container name cannot start with a dot, so this never meets a container's log directory):
 * emptyDir is an empty directory, configMap / secret / downwardAPI / projected hold one file per key
 * (with items, paths and modes), hostPath is the host's path itself. Called on every pod sync, it
 * rewrites only files whose content changed, so ConfigMap and Secret updates reach running
 * containers within a sync period, as the kubelet's periodic volume remount does. Projected
 * serviceAccountToken sources hold a token bound to the pod from the TokenRequest API.
 */
public final class VolumeManager {

    private final Path podsDir;
    private final ConfigSource source;

    public VolumeManager(Path podsDir, ConfigSource source) {
        this.podsDir = podsDir;
        this.source = source;
    }

    public Path podDir(String uid) {
        return podsDir.resolve(uid);
    }

    /** Writes every volume of the pod; returns each volume's host path by name. */
    public Map<String, Path> materialize(Pod pod, String hostIp, String podIp, Map<String, Quantity> allocatable)
            throws ContainerConfigException {
        Map<String, Path> paths = new LinkedHashMap<>();
        String ns = pod.getMetadata().getNamespace();
        try {
            for (Volume v : list(pod.getSpec().getVolumes())) {
                if (v.getHostPath() != null) {
                    Path host = Path.of(v.getHostPath().getPath());
                    if ("DirectoryOrCreate".equals(v.getHostPath().getType())) {
                        Files.createDirectories(host);
                    }
                    paths.put(v.getName(), host);
                    continue;
                }
                Path dir = Files.createDirectories(podDir(pod.getMetadata().getUid()).resolve(".volumes").resolve(v.getName()));
                paths.put(v.getName(), dir);
                Map<String, FileContent> files = new LinkedHashMap<>();
                if (v.getConfigMap() != null) {
                    var src = v.getConfigMap();
                    ConfigMap cm = source.configMap(ns, src.getName());
                    if (cm == null && !Boolean.TRUE.equals(src.getOptional())) {
                        throw new ContainerConfigException("configmap \"" + src.getName() + "\" not found");
                    }
                    addKeys(files, cm == null ? Map.of() : text(cm), src.getItems(), src.getDefaultMode(), src.getName());
                } else if (v.getSecret() != null) {
                    var src = v.getSecret();
                    Secret s = source.secret(ns, src.getSecretName());
                    if (s == null && !Boolean.TRUE.equals(src.getOptional())) {
                        throw new ContainerConfigException("secret \"" + src.getSecretName() + "\" not found");
                    }
                    addKeys(files, s == null ? Map.of() : bytes(s), src.getItems(), src.getDefaultMode(), src.getSecretName());
                } else if (v.getDownwardAPI() != null) {
                    addDownward(files, pod, v.getDownwardAPI().getItems(), v.getDownwardAPI().getDefaultMode(),
                            hostIp, podIp, allocatable);
                } else if (v.getProjected() != null) {
                    Integer mode = v.getProjected().getDefaultMode();
                    for (VolumeProjection p : list(v.getProjected().getSources())) {
                        if (p.getConfigMap() != null) {
                            ConfigMap cm = source.configMap(ns, p.getConfigMap().getName());
                            if (cm == null && !Boolean.TRUE.equals(p.getConfigMap().getOptional())) {
                                throw new ContainerConfigException("configmap \"" + p.getConfigMap().getName() + "\" not found");
                            }
                            addKeys(files, cm == null ? Map.of() : text(cm), p.getConfigMap().getItems(), mode,
                                    p.getConfigMap().getName());
                        } else if (p.getSecret() != null) {
                            Secret s = source.secret(ns, p.getSecret().getName());
                            if (s == null && !Boolean.TRUE.equals(p.getSecret().getOptional())) {
                                throw new ContainerConfigException("secret \"" + p.getSecret().getName() + "\" not found");
                            }
                            addKeys(files, s == null ? Map.of() : bytes(s), p.getSecret().getItems(), mode,
                                    p.getSecret().getName());
                        } else if (p.getDownwardAPI() != null) {
                            addDownward(files, pod, p.getDownwardAPI().getItems(), mode, hostIp, podIp, allocatable);
                        } else if (p.getServiceAccountToken() != null) {
                            ServiceAccountTokenProjection t = p.getServiceAccountToken();
                            String token = source.serviceAccountToken(pod, t.getAudience(),
                                    t.getExpirationSeconds() == null ? 3600 : t.getExpirationSeconds());
                            if (token != null) {
                                files.put(t.getPath(), new FileContent(token.getBytes(StandardCharsets.UTF_8),
                                        mode == null ? 0644 : mode));
                            }
                        }
                    }
                } else {
                    continue; // emptyDir (and kinds the process runtime does not back): the directory is the volume
                }
                sync(dir, files);
            }
        } catch (IOException e) {
            throw new ContainerConfigException("cannot write volumes: " + e.getMessage());
        }
        return paths;
    }

    /** The container's mounts: a volume's directory, or one file or subdirectory of it (subPath). */
    public static List<Mount> mounts(Container container, Map<String, Path> volumes) throws ContainerConfigException {
        List<Mount> mounts = new ArrayList<>();
        for (VolumeMount m : list(container.getVolumeMounts())) {
            Path base = volumes.get(m.getName());
            if (base == null) {
                throw new ContainerConfigException("cannot find volume \"" + m.getName() + "\" to mount into container \""
                        + container.getName() + "\"");
            }
            Path host = m.getSubPath() == null || m.getSubPath().isEmpty() ? base : base.resolve(m.getSubPath());
            mounts.add(new Mount(host, m.getMountPath(), Boolean.TRUE.equals(m.getReadOnly())));
        }
        return mounts;
    }

    /**
     * Where each mount's content is on the host, as environment variables {@code J8S_VOLUME_<MOUNT NAME>}:
     * how a process reaches its volumes when the runtime cannot bind-mount them (not root).
     */
    public static Map<String, String> mountEnv(Container container, List<Mount> mounts) {
        Map<String, String> env = new LinkedHashMap<>();
        List<VolumeMount> specs = list(container.getVolumeMounts());
        for (int i = 0; i < mounts.size(); i++) {
            String name = specs.get(i).getName().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
            env.putIfAbsent("J8S_VOLUME_" + name, mounts.get(i).hostPath().toString());
        }
        return env;
    }

    public void remove(String uid) {
        Path dir = podDir(uid);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record FileContent(byte[] bytes, int mode) {}

    private static void addKeys(Map<String, FileContent> files, Map<String, byte[]> data, List<KeyToPath> items,
                                Integer defaultMode, String source) throws ContainerConfigException {
        int mode = defaultMode == null ? 0644 : defaultMode;
        if (items == null || items.isEmpty()) {
            data.forEach((k, v) -> files.put(k, new FileContent(v, mode)));
            return;
        }
        for (KeyToPath item : items) {
            byte[] value = data.get(item.getKey());
            if (value == null) {
                throw new ContainerConfigException("configmap or secret \"" + source + "\" has no key " + item.getKey());
            }
            files.put(item.getPath(), new FileContent(value, item.getMode() == null ? mode : item.getMode()));
        }
    }

    private static void addDownward(Map<String, FileContent> files, Pod pod, List<DownwardAPIVolumeFile> items,
                                    Integer defaultMode, String hostIp, String podIp, Map<String, Quantity> allocatable)
            throws ContainerConfigException {
        int mode = defaultMode == null ? 0644 : defaultMode;
        for (DownwardAPIVolumeFile item : list(items)) {
            String value;
            if (item.getFieldRef() != null) {
                value = FieldPaths.field(pod, item.getFieldRef().getFieldPath(), hostIp, podIp);
            } else if (item.getResourceFieldRef() != null) {
                String name = item.getResourceFieldRef().getContainerName();
                Container c = pod.getSpec().getContainers().stream().filter(x -> x.getName().equals(name)).findFirst()
                        .orElseThrow(() -> new ContainerConfigException("no container " + name));
                value = FieldPaths.resource(pod, c, item.getResourceFieldRef(), allocatable);
            } else {
                continue;
            }
            files.put(item.getPath(), new FileContent(String.valueOf(value).getBytes(StandardCharsets.UTF_8),
                    item.getMode() == null ? mode : item.getMode()));
        }
    }

    /** Makes the directory hold exactly these files, touching only what differs. */
    private static void sync(Path dir, Map<String, FileContent> files) throws IOException {
        Set<Path> wanted = new HashSet<>();
        for (var e : files.entrySet()) {
            Path file = dir.resolve(e.getKey()).normalize();
            if (!file.startsWith(dir)) {
                continue; // a path escaping the volume is refused by validation; never write outside
            }
            wanted.add(file);
            Files.createDirectories(file.getParent());
            if (!Files.exists(file) || !Arrays.equals(Files.readAllBytes(file), e.getValue().bytes())) {
                Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
                Files.write(tmp, e.getValue().bytes());
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            Files.setPosixFilePermissions(file, permissions(e.getValue().mode()));
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                if (!wanted.contains(p)) {
                    Files.delete(p);
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = new HashSet<>();
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(order[i]);
            }
        }
        return set;
    }

    private static Map<String, byte[]> text(ConfigMap cm) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (cm.getData() != null) {
            cm.getData().forEach((k, v) -> out.put(k, v.getBytes(StandardCharsets.UTF_8)));
        }
        if (cm.getBinaryData() != null) {
            cm.getBinaryData().forEach((k, v) -> out.put(k, java.util.Base64.getDecoder().decode(v)));
        }
        return out;
    }

    private static Map<String, byte[]> bytes(Secret s) {
        // Decoded straight to bytes: secret files may hold binary data (keystores, keys).
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (s.getData() != null) {
            s.getData().forEach((k, v) -> out.put(k, java.util.Base64.getDecoder().decode(v)));
        }
        if (s.getStringData() != null) {
            s.getStringData().forEach((k, v) -> out.put(k, v.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
