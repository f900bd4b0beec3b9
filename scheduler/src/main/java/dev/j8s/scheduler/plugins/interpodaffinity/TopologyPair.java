package dev.j8s.scheduler.plugins.interpodaffinity;

/** A topology domain: a node label key and its value (e.g. zone=us-east-1a). */
record TopologyPair(String key, String value) {
}
