package dev.j8s.agent.podstatus;

import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/** Pieces every node agent (hollow or real) uses to write pod statuses the way the kubelet does. */
public final class PodStatusParts {

    private PodStatusParts() {}

    /** Status times are RFC 3339 with whole seconds, as metav1.Time serialises. */
    public static String time(Instant now) {
        return now.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public static PodCondition condition(String type, String status, String reason, String message, String time) {
        return new PodConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastTransitionTime(time).build();
    }

    /** The existing condition of a type, or null. */
    public static PodCondition find(PodStatus status, String type) {
        if (status == null || status.getConditions() == null) {
            return null;
        }
        return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    public static boolean conditionIs(PodStatus status, String type, String value) {
        PodCondition c = find(status, type);
        return c != null && value.equals(c.getStatus());
    }

    /** PodScheduled keeps the transition time the binding gave it. */
    public static String scheduledTime(PodStatus status, String fallback) {
        PodCondition c = find(status, "PodScheduled");
        return c != null && c.getLastTransitionTime() != null ? c.getLastTransitionTime() : fallback;
    }

    /**
     * A stable digest-style image ID ({@code repository@sha256:<sha-256 of the image name>}) for runtimes that pull
     * no images (process, hollow): the form a CRI runtime reports for an image it resolved.
     */
    public static String imageId(String image) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.valueOf(image)
                    .getBytes(StandardCharsets.UTF_8));
            String repository = image == null ? "" : image.split("[:@]")[0];
            return repository + "@sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
