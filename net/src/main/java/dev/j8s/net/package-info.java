/**
 * Service networking, built like every other j8s component as API clients on informers: the service
 * proxy ({@code proxy}), cluster DNS ({@code dns}) and the ingress proxy ({@code ingress}).
 */
package dev.j8s.net;
