#!/bin/sh
# The echo test image's answer to every directory URL: its version and the pod that serves it, in the
# spirit of the usual echo demo images, so rollout tests can tell v1 from v2 and pods apart.
printf 'Content-Type: text/plain\r\n\r\n'
echo "version=${ECHO_VERSION:-unknown} hostname=${HOSTNAME:-$(hostname)} path=${REQUEST_URI:-/}"
