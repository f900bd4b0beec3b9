package dev.j8s.api.openapi.generate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The comments of Kubernetes' {@code generated.proto} files, as protoc copied them into the Javadoc
 * of {@code io.kubernetes:client-java-proto}'s sources. They are the Go doc comments of the API
 * types — the same text Kubernetes publishes as OpenAPI descriptions — and they survive for fields of
 * object type, whose descriptions the OpenAPI-generated Java client drops.
 *
 * <p>The proto artifact trails the Kubernetes release (some newer groups are missing), so it is only
 * a supplement: a description for a field the client leaves blank, the Go package of a type, and the
 * precise type of fields the client maps to plain Java types ({@code MicroTime}, {@code RawExtension}).
 */
final class ProtoCommentIndex {

    /** @param description the message's doc comment; fields: JSON name → field facts */
    record MessageDoc(String description, Map<String, FieldDoc> fields) {}

    /** @param protoType the field's declared proto type, e.g. ".k8s.io.api.apps.v1.DeploymentStrategy" */
    record FieldDoc(String description, String protoType) {}

    private static final Pattern MESSAGE = Pattern.compile("Protobuf type \\{@code ([\\w.]+)}");
    private static final Pattern INTERFACE = Pattern.compile("@@protoc_insertion_point\\(interface_extends:([\\w.]+)\\)");
    private static final Pattern FIELD_CODE = Pattern.compile(
            "^\\s*\\* <code>(?:optional |repeated |required )?(.+) (\\w+) = \\d+;</code>\\s*$");

    private final Map<String, MessageDoc> messages = new HashMap<>();

    /** Adds one protoc-generated Java source file. */
    void add(String javaSource) {
        String current = null;
        List<String> pre = null;
        String pending = null;
        for (String line : javaSource.split("\n")) {
            String trimmed = line.trim();
            if (pre != null) {
                if (trimmed.equals("* </pre>")) {
                    pending = toDescription(pre);
                    pre = null;
                } else {
                    pre.add(trimmed.startsWith("*") ? trimmed.substring(1) : trimmed);
                }
                continue;
            }
            if (trimmed.equals("* <pre>")) {
                pre = new ArrayList<>();
                continue;
            }
            if (trimmed.equals("*/")) {
                continue;
            }
            if (trimmed.startsWith("/**")) {
                pending = null;
                continue;
            }
            Matcher message = MESSAGE.matcher(trimmed);
            if (message.find()) {
                current = message.group(1);
                MessageDoc doc = messageDoc(current);
                if (doc.description().isEmpty() && pending != null) {
                    messages.put(current, new MessageDoc(pending, doc.fields()));
                }
                continue;
            }
            Matcher iface = INTERFACE.matcher(trimmed);
            if (iface.find()) {
                current = iface.group(1);
                continue;
            }
            Matcher field = FIELD_CODE.matcher(line);
            if (field.matches() && current != null) {
                Map<String, FieldDoc> fields = messageDoc(current).fields();
                FieldDoc known = fields.get(field.group(2));
                String description = pending != null ? pending : "";
                if (known == null || known.description().isEmpty()) {
                    fields.put(field.group(2), new FieldDoc(description, unescapeHtml(field.group(1))));
                }
            }
        }
    }

    private MessageDoc messageDoc(String name) {
        return messages.computeIfAbsent(name, n -> new MessageDoc("", new HashMap<>()));
    }

    /** Message full name ("k8s.io.api.apps.v1.DeploymentSpec") → its comments. */
    Optional<MessageDoc> message(String protoName) {
        return Optional.ofNullable(messages.get(protoName));
    }

    /**
     * The message of that name first, then the same kind in other versions of its package (the
     * proto artifact may predate a version's promotion, e.g. autoscaling/v2 only as v2beta2).
     */
    List<MessageDoc> candidates(String protoName) {
        List<MessageDoc> out = new ArrayList<>();
        message(protoName).ifPresent(out::add);
        int kindDot = protoName.lastIndexOf('.');
        int versionDot = protoName.lastIndexOf('.', kindDot - 1);
        if (versionDot < 0) {
            return out;
        }
        String packagePrefix = protoName.substring(0, versionDot + 1);
        String kind = protoName.substring(kindDot);
        messages.entrySet().stream()
                .filter(e -> e.getKey().startsWith(packagePrefix) && e.getKey().endsWith(kind)
                        && e.getKey().length() > packagePrefix.length() + kind.length()
                        && e.getKey().indexOf('.', packagePrefix.length()) == e.getKey().length() - kind.length()
                        && !e.getKey().equals(protoName))
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))
                .forEach(e -> out.add(e.getValue()));
        return out;
    }

    Map<String, MessageDoc> messages() {
        return messages;
    }

    /**
     * Joins comment lines the way Kubernetes' OpenAPI generator does: lines of a paragraph joined by
     * spaces, paragraphs separated by a blank line, code-generator markers ("+optional",
     * "+listType=map") and one-line TODOs left out, and nothing after a "---" line (the Go comment's
     * private part).
     */
    static String toDescription(List<String> lines) {
        StringBuilder out = new StringBuilder();
        boolean paragraphBreak = false;
        for (String raw : lines) {
            String line = unescapeHtml(raw.strip());
            if (line.startsWith("---")) {
                break;
            }
            if (line.startsWith("+") || line.startsWith("TODO")) {
                continue;
            }
            if (line.isEmpty()) {
                paragraphBreak = out.length() > 0;
                continue;
            }
            if (paragraphBreak) {
                out.append("\n\n");
                paragraphBreak = false;
            } else if (out.length() > 0) {
                out.append(' ');
            }
            out.append(line);
        }
        return out.toString();
    }

    /** Undoes the escaping protoc applies inside Javadoc. */
    static String unescapeHtml(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&#64;", "@").replace("&#42;", "*")
                .replace("&#47;", "/").replace("&quot;", "\"").replace("&#39;", "'").replace("&#92;", "\\")
                .replace("&amp;", "&");
    }
}
