package dev.j8s.api.openapi.generate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import dev.j8s.api.openapi.ApiGroupPackages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Build step: derives the Kubernetes OpenAPI definitions j8s serves from Maven artifacts instead of
 * copies of Kubernetes' swagger files. Structure, required fields and most descriptions come from
 * the sources of {@code io.kubernetes:client-java-api} (generated from Kubernetes' own OpenAPI
 * document); descriptions the Java client drops and Go package names come from the comments in
 * {@code io.kubernetes:client-java-proto}'s sources. Both sources jars are on the class path of the
 * build step (plugin dependencies of exec-maven-plugin in api/pom.xml).
 *
 * <p>Usage: {@code DefinitionsGenerator <output.json>}. The output maps definition name → schema
 * with bare-name {@code $ref}s; see {@link dev.j8s.api.openapi.KubernetesDefinitions}.
 */
public final class DefinitionsGenerator {

    private static final String MODELS = "io/kubernetes/client/openapi/models/";
    private static final String APIS = "io/kubernetes/client/openapi/apis/";
    private static final String PROTOS = "io/kubernetes/client/proto/";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * The stock text Kubernetes' API conventions give the metadata fields, for kinds too new for the
     * proto artifact to describe.
     */
    private static final Map<String, String> STANDARD_DESCRIPTIONS = Map.of(
            ApiGroupPackages.META_V1 + "ObjectMeta", "Standard object's metadata. More info: "
                    + "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
            ApiGroupPackages.META_V1 + "ListMeta", "Standard list metadata. More info: "
                    + "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata");

    private DefinitionsGenerator() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: DefinitionsGenerator <output.json>");
        }
        Map<String, ObjectNode> definitions;
        try (FileSystem clientJava = openJarContaining(MODELS + "V1Pod.java");
             FileSystem clientProto = openJarContaining(PROTOS + "V1.java")) {
            definitions = generate(clientJava.getPath("/"), clientProto.getPath("/"));
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        ObjectNode root = JSON.objectNode();
        definitions.forEach(root::set);
        Files.write(out, Json.bytes(root));
        System.out.printf("j8s: wrote %d Kubernetes OpenAPI definitions to %s%n", definitions.size(), out);
    }

    /** Reads both source trees and returns definition name → schema, sorted by name. */
    static Map<String, ObjectNode> generate(Path clientJavaRoot, Path clientProtoRoot) throws IOException {
        ProtoCommentIndex proto = new ProtoCommentIndex();
        readJavaSources(clientProtoRoot.resolve(PROTOS)).values().forEach(proto::add);

        Map<String, ModelSource> models = new LinkedHashMap<>();
        readJavaSources(clientJavaRoot.resolve(MODELS)).forEach((cls, src) ->
                ClientJavaModelParser.parse(cls, src).ifPresent(m -> models.put(cls, m)));
        DefinitionNamer namer = new DefinitionNamer(proto, models, readJavaSources(clientJavaRoot.resolve(APIS)));

        Map<String, ObjectNode> out = new TreeMap<>();
        for (ModelSource model : models.values()) {
            namer.definitionName(model.className()).ifPresent(name -> {
                ObjectNode previous = out.put(name, definition(name, model, proto, namer, models));
                if (previous != null) {
                    throw new IllegalStateException("two client classes map to definition " + name);
                }
            });
        }
        addScalarDefinitions(out, proto);
        return out;
    }

    private static ObjectNode definition(String name, ModelSource model, ProtoCommentIndex proto,
                                         DefinitionNamer namer, Map<String, ModelSource> models) {
        List<ProtoCommentIndex.MessageDoc> protoDocs = withEmbedded(proto.candidates(DefinitionNamer.protoName(name)),
                model, proto);
        ObjectNode def = JSON.objectNode();
        String description = firstNonBlank(model.description(),
                protoDocs.stream().map(ProtoCommentIndex.MessageDoc::description));
        if (!description.isBlank()) {
            def.put("description", description);
        }
        def.put("type", "object");
        ObjectNode properties = def.putObject("properties");
        for (ModelSource.Field field : model.fields()) {
            List<ProtoCommentIndex.FieldDoc> protoFields = protoDocs.stream()
                    .map(d -> d.fields().get(field.jsonName())).filter(Objects::nonNull).toList();
            ObjectNode schema = JavaTypes.schema(field.javaType(),
                    protoFields.isEmpty() ? null : protoFields.get(0).protoType(),
                    cls -> models.containsKey(cls) ? namer.definitionName(cls) : Optional.empty());
            String fieldDescription = firstNonBlank(field.description(),
                    protoFields.stream().map(ProtoCommentIndex.FieldDoc::description));
            if (fieldDescription.isBlank()) {
                fieldDescription = STANDARD_DESCRIPTIONS.getOrDefault(schema.path("$ref").asText(), "");
            }
            if (!fieldDescription.isBlank()) {
                schema.put("description", fieldDescription);
            }
            properties.set(field.jsonName(), schema);
        }
        if (!model.required().isEmpty()) {
            model.required().forEach(def.putArray("required")::add);
        }
        return def;
    }

    /**
     * Adds the messages of Go structs embedded inline (Volume embeds VolumeSource, Probe embeds
     * ProbeHandler): in proto they are fields of their own, in JSON their fields are the outer type's.
     */
    private static List<ProtoCommentIndex.MessageDoc> withEmbedded(List<ProtoCommentIndex.MessageDoc> docs,
                                                                 ModelSource model, ProtoCommentIndex proto) {
        Set<String> jsonNames = new HashSet<>();
        model.fields().forEach(f -> jsonNames.add(f.jsonName()));
        List<ProtoCommentIndex.MessageDoc> out = new ArrayList<>(docs);
        for (ProtoCommentIndex.MessageDoc doc : docs) {
            doc.fields().forEach((field, fieldDoc) -> {
                if (!jsonNames.contains(field) && fieldDoc.protoType().startsWith(".")) {
                    proto.message(fieldDoc.protoType().substring(1)).ifPresent(out::add);
                }
            });
        }
        return out;
    }

    private static String firstNonBlank(String preferred, Stream<String> fallbacks) {
        return !preferred.isBlank() ? preferred : fallbacks.filter(d -> !d.isBlank()).findFirst().orElse("");
    }

    /** Types the Java client maps to Java classes of its own (Quantity, IntOrString, OffsetDateTime, Object). */
    private static void addScalarDefinitions(Map<String, ObjectNode> out, ProtoCommentIndex proto) {
        out.put(ApiGroupPackages.QUANTITY, scalar(proto, ApiGroupPackages.QUANTITY, "string", null));
        out.put(ApiGroupPackages.INT_OR_STRING, scalar(proto, ApiGroupPackages.INT_OR_STRING, "string", "int-or-string"));
        out.put(ApiGroupPackages.TIME, scalar(proto, ApiGroupPackages.TIME, "string", "date-time"));
        out.put(ApiGroupPackages.MICRO_TIME, scalar(proto, ApiGroupPackages.MICRO_TIME, "string", "date-time"));
        out.put(ApiGroupPackages.RAW_EXTENSION, scalar(proto, ApiGroupPackages.RAW_EXTENSION, "object", null));
        out.put(ApiGroupPackages.FIELDS_V1, scalar(proto, ApiGroupPackages.FIELDS_V1, "object", null));
        out.put(ApiGroupPackages.PATCH, JSON.objectNode()
                .put("description", "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.")
                .put("type", "object"));
    }

    private static ObjectNode scalar(ProtoCommentIndex proto, String name, String type, String format) {
        ObjectNode def = JSON.objectNode();
        proto.message(DefinitionNamer.protoName(name))
                .map(ProtoCommentIndex.MessageDoc::description)
                .filter(d -> !d.isBlank())
                .ifPresent(d -> def.put("description", d));
        def.put("type", type);
        if (format != null) {
            def.put("format", format);
        }
        return def;
    }

    /** Simple class name → source text of every .java file directly in a directory. */
    private static Map<String, String> readJavaSources(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String fileName = file.getFileName().toString();
                if (fileName.endsWith(".java")) {
                    out.put(fileName.substring(0, fileName.length() - ".java".length()),
                            Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static FileSystem openJarContaining(String resource) throws IOException {
        URL url = Thread.currentThread().getContextClassLoader().getResource(resource);
        if (url == null || !url.getProtocol().equals("jar")) {
            throw new IllegalStateException(resource + " is not on the class path: the build must put the "
                    + "client-java-api and client-java-proto sources jars there");
        }
        String spec = url.getFile();
        try {
            return FileSystems.newFileSystem(Path.of(new URI(spec.substring(0, spec.indexOf("!/")))));
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException("bad jar URL " + url, e));
        }
    }
}
