package dev.j8s.agent.hollow;

/** The resources a hollow node reports as capacity and allocatable (quantities as the API writes them). */
public record NodeCapacity(String cpu, String memory, String pods) {

    public static final NodeCapacity DEFAULT = new NodeCapacity("4", "16Gi", "110");
}
