package dev.j8s.api.openapi;

import java.util.List;

/** A URL path template with its shared parameters (name, namespace, pretty) and operations. */
record ApiPath(String path, List<OperationParameter> parameters, List<ApiOperation> operations) {}
