package dev.j8s.controllers.disruption;

/** A pod's controller as a disruption budget counts it: its uid and the replicas it asks for. */
record ControllerScale(String uid, int replicas) {}
