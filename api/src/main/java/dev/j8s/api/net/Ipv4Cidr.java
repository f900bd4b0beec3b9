package dev.j8s.api.net;

import java.util.OptionalLong;

/**
 * An IPv4 network such as {@code 10.43.0.0/16}: addresses by offset from the network address, and back, and
 * its subnets (the service IP allocator and the node IPAM controller share it).
 */
public record Ipv4Cidr(long base, int prefix) {

    public Ipv4Cidr {
        if (prefix < 1 || prefix > 30) {
            throw new IllegalArgumentException("an IPv4 range needs a prefix between /1 and /30, not /" + prefix);
        }
        long mask = (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        if ((base & mask) != base) {
            throw new IllegalArgumentException(format(base) + "/" + prefix + " is not a network address");
        }
    }

    public static Ipv4Cidr parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a CIDR: " + cidr);
        }
        long base = parseAddress(cidr.substring(0, slash).trim())
                .orElseThrow(() -> new IllegalArgumentException("not an IPv4 CIDR: " + cidr));
        int prefix;
        try {
            prefix = Integer.parseInt(cidr.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR: " + cidr);
        }
        return new Ipv4Cidr(base, prefix);
    }

    /** The 32-bit value of a dotted-quad address, empty unless {@code ip} is one (no leading zeros). */
    public static OptionalLong parseAddress(String ip) {
        String[] parts = ip.split("\\.", -1);
        if (parts.length != 4) {
            return OptionalLong.empty();
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.startsWith("0"))
                    || !part.chars().allMatch(Character::isDigit)) {
                return OptionalLong.empty();
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return OptionalLong.empty();
            }
            value = (value << 8) | octet;
        }
        return OptionalLong.of(value);
    }

    public static String format(long address) {
        return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "."
                + (address & 255);
    }

    /** Number of addresses, network and broadcast included. */
    public long size() {
        return 1L << (32 - prefix);
    }

    public String address(long offset) {
        if (offset < 0 || offset >= size()) {
            throw new IllegalArgumentException("offset " + offset + " outside " + this);
        }
        return format(base + offset);
    }

    /** Offset of {@code ip} inside this network; empty when it is not an IPv4 address of it. */
    public OptionalLong offsetOf(String ip) {
        OptionalLong value = parseAddress(ip);
        if (value.isEmpty() || value.getAsLong() < base || value.getAsLong() >= base + size()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(value.getAsLong() - base);
    }

    /** The {@code index}-th subnet of prefix {@code subnetPrefix} (one node's pod range of the cluster CIDR). */
    public Ipv4Cidr subnet(long index, int subnetPrefix) {
        long count = 1L << (subnetPrefix - prefix);
        if (subnetPrefix < prefix || index < 0 || index >= count) {
            throw new IllegalArgumentException("no subnet " + index + " of /" + subnetPrefix + " in " + this);
        }
        return new Ipv4Cidr(base + index * (1L << (32 - subnetPrefix)), subnetPrefix);
    }

    /** How many subnets of prefix {@code subnetPrefix} this network holds. */
    public long subnetCount(int subnetPrefix) {
        return subnetPrefix < prefix ? 0 : 1L << (subnetPrefix - prefix);
    }

    /** Which subnet of this network {@code subnet} is, when it is one (inside, aligned); else empty. */
    public OptionalLong subnetIndex(Ipv4Cidr subnet) {
        if (subnet.prefix() < prefix || subnet.base() < base || subnet.base() >= base + size()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((subnet.base() - base) / subnet.size());
    }

    @Override
    public String toString() {
        return format(base) + "/" + prefix;
    }
}
