package dev.j8s.api.apply;

import com.fasterxml.jackson.databind.JavaType;
import dev.j8s.api.Json;
import dev.j8s.api.ModelProperties;
import dev.j8s.api.patch.ListPatchInfo;
import dev.j8s.api.patch.PatchMetadata;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.TopologySelectorTerm;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import java.util.List;
import java.util.Set;

/** The field-management view of a built-in type, read from its fabric8 model class and {@link PatchMetadata}. */
final class ModelFieldSchema implements FieldSchema {

    /** Types marked {@code +structType=atomic} in the Kubernetes API: owned as a whole. */
    private static final Set<Class<?>> ATOMIC_STRUCTS = Set.of(LabelSelector.class, LocalObjectReference.class,
            ObjectReference.class, TypedLocalObjectReference.class, NodeSelector.class, NodeSelectorTerm.class,
            TopologySelectorTerm.class, ConfigMapKeySelector.class, SecretKeySelector.class,
            ObjectFieldSelector.class, ResourceFieldSelector.class);

    private final JavaType type;
    private final ListPatchInfo list;

    private ModelFieldSchema(JavaType type, ListPatchInfo list) {
        this.type = type;
        this.list = list;
    }

    static FieldSchema of(Class<?> modelClass) {
        return modelClass == null ? DEDUCED : new ModelFieldSchema(Json.MAPPER.constructType(modelClass), null);
    }

    private static FieldSchema of(JavaType type, ListPatchInfo list) {
        if (type == null || type.getRawClass() == Object.class) {
            return DEDUCED;
        }
        return new ModelFieldSchema(type, list);
    }

    @Override
    public Shape objectShape() {
        if (type.isMapLikeType()) {
            return Shape.MAP;
        }
        Class<?> raw = type.getRawClass();
        if (ATOMIC_STRUCTS.contains(raw)) {
            return Shape.ATOMIC;
        }
        return ModelProperties.isModelBean(raw) ? Shape.STRUCT : Shape.MAP;
    }

    @Override
    public Shape listShape() {
        String listType = list == null ? null : list.listType();
        if (listType == null && list != null && list.strategy() != null && list.strategy().contains("merge")) {
            // Without a declared list type the patch strategy decides, as Kubernetes' schema conversion does.
            listType = list.mergeKey() != null ? "map" : "set";
        }
        if ("map".equals(listType)) {
            return Shape.LIST_MAP;
        }
        return "set".equals(listType) ? Shape.LIST_SET : Shape.LIST_ATOMIC;
    }

    @Override
    public boolean declares(String name) {
        return !type.isMapLikeType() && ModelProperties.of(type.getRawClass()).containsKey(name);
    }

    @Override
    public FieldSchema field(String name) {
        if (type.isMapLikeType()) {
            return of(type.getContentType(), null);
        }
        Class<?> owner = type.getRawClass();
        JavaType fieldType = ModelProperties.of(owner).get(name);
        return of(fieldType, PatchMetadata.lookup(owner, name).orElse(null));
    }

    @Override
    public FieldSchema element() {
        return type.isCollectionLikeType() || type.isArrayType() ? of(type.getContentType(), null) : DEDUCED;
    }

    @Override
    public List<String> keys() {
        if (list == null) {
            return List.of();
        }
        if (!list.listMapKeys().isEmpty()) {
            return list.listMapKeys();
        }
        return list.mergeKey() == null ? List.of() : List.of(list.mergeKey());
    }
}
