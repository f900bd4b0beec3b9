package dev.j8s.api.validation;

import java.util.List;

/**
 * How a kind's {@code metadata.name} is checked ({@code ValidateNameFunc}). With {@code prefix}
 * the value is a {@code generateName}, where a trailing dash is allowed.
 */
@FunctionalInterface
public interface NameRule {

    List<String> check(String name, boolean prefix);

    /** Most kinds: a DNS-1123 subdomain. */
    NameRule DNS_SUBDOMAIN = (name, prefix) -> NameRules.dns1123Subdomain(prefix ? maskTrailingDash(name) : name);
    /** Namespaces, StatefulSets: a DNS-1123 label. */
    NameRule DNS_LABEL = (name, prefix) -> NameRules.dns1123Label(prefix ? maskTrailingDash(name) : name);
    /** Services: a DNS-1035 label (must start with a letter). */
    NameRule DNS1035_LABEL = (name, prefix) -> NameRules.dns1035Label(prefix ? maskTrailingDash(name) : name);
    /** RBAC objects and others that only need to be a safe URL path segment. */
    NameRule PATH_SEGMENT = (name, prefix) -> prefix ? NameRules.pathSegmentPrefix(name) : NameRules.pathSegmentName(name);

    private static String maskTrailingDash(String name) {
        if (name.length() > 1 && name.endsWith("-")) {
            return name.substring(0, name.length() - 2) + "a";
        }
        return name;
    }
}
