package io.openluffy.operator.bootstrap;

import io.openluffy.operator.crd.OpenLuffyInstance;
import java.net.URI;

/**
 * Where the operator reaches an instance's API server. In a cluster that is the API Service's DNS name
 * ({@code http://openluffy-<name>-api.<namespace>.svc:8080}); tests and the local sandbox map it to a local port.
 */
@FunctionalInterface
public interface ApiServerLocator {

  /** Base URL of the instance's API server, without a path. */
  URI baseUrl(OpenLuffyInstance instance);
}
