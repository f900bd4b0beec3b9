package dev.j8s.client;

import java.util.List;

/**
 * One page of a list: its items, the collection's resourceVersion to watch from, and the continue
 * token of the next page (null on the last page).
 */
public record ResourceList<T>(List<T> items, String resourceVersion, String continueToken) {}
