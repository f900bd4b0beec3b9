package dev.j8s.apiserver.servicenet;

/** A range of ports such as kube-apiserver's {@code --service-node-port-range} (both ends included). */
public record PortRange(int min, int max) {

    /** kube-apiserver's default node port range. */
    public static final PortRange DEFAULT_NODE_PORTS = new PortRange(30000, 32767);

    public PortRange {
        if (min < 1 || max > 65535 || min > max) {
            throw new IllegalArgumentException("invalid port range " + min + "-" + max);
        }
    }

    /** {@code 30000-32767}, or {@code 30000+2767} (base plus size), as kube-apiserver accepts. */
    public static PortRange parse(String range) {
        try {
            String s = range.trim();
            int plus = s.indexOf('+');
            if (plus > 0) {
                int base = Integer.parseInt(s.substring(0, plus));
                return new PortRange(base, base + Integer.parseInt(s.substring(plus + 1)));
            }
            int dash = s.indexOf('-');
            if (dash <= 0) {
                int single = Integer.parseInt(s);
                return new PortRange(single, single);
            }
            return new PortRange(Integer.parseInt(s.substring(0, dash)), Integer.parseInt(s.substring(dash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port range " + range);
        }
    }

    public int size() {
        return max - min + 1;
    }

    public boolean contains(int port) {
        return port >= min && port <= max;
    }

    @Override
    public String toString() {
        return min + "-" + max;
    }
}
