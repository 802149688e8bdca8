#!/usr/bin/env bash
# Builds the Kubernetes control plane the *IT tests run on (kube-apiserver, kube-controller-manager,
# kube-scheduler, kubectl, etcd, kwok) from Go modules at pinned versions, into a cache outside the repository:
#   ${OPENLUFFY_KUBE_CACHE:-~/.cache/openluffy/kubernetes}/<component>-<version>/
# A directory counts only once its build finished (marker file .complete), so an interrupted build is redone.
# Prints the directory that holds all binaries (one symlink farm per version triple) on its last line.
set -euo pipefail

KUBERNETES_VERSION=v1.34.4
ETCD_VERSION=v3.6.16
KWOK_VERSION=v0.7.0

CACHE=${OPENLUFFY_KUBE_CACHE:-$HOME/.cache/openluffy/kubernetes}
export CGO_ENABLED=0 GOFLAGS=-mod=mod GOTOOLCHAIN=local
mkdir -p "$CACHE"

log() { echo "[control-plane] $*" >&2; }

# k8s.io/kubernetes cannot be `go install`ed (replace directives in its go.mod, golang/go#44840): a wrapper module
# requires it and replaces every staging module by the matching published k8s.io/<m> v0.<minor>.<patch>.
build_kubernetes() {
  local out=$CACHE/kubernetes-$KUBERNETES_VERSION
  [[ -f $out/.complete ]] && return
  local minor=${KUBERNETES_VERSION#v1.}; minor=${minor%%.*}
  local staging_version=v0.${KUBERNETES_VERSION#v1.}
  local staging=(api apiextensions-apiserver apimachinery apiserver cli-runtime client-go cloud-provider
    cluster-bootstrap code-generator component-base component-helpers controller-manager cri-api cri-client
    csi-translation-lib dynamic-resource-allocation endpointslice externaljwt kms kube-aggregator
    kube-controller-manager kube-proxy kube-scheduler kubectl kubelet metrics mount-utils pod-security-admission
    sample-apiserver sample-cli-plugin sample-controller)
  local work; work=$(mktemp -d)
  {
    echo "module openluffy.io/controlplane"
    echo "go 1.24"
    echo "require k8s.io/kubernetes $KUBERNETES_VERSION"
    echo "replace ("
    for m in "${staging[@]}"; do echo "  k8s.io/$m => k8s.io/$m $staging_version"; done
    echo ")"
  } >"$work/go.mod"
  printf 'package tools\n\nimport (\n\t_ "k8s.io/kubernetes/cmd/kube-apiserver"\n\t_ "k8s.io/kubernetes/cmd/kube-controller-manager"\n\t_ "k8s.io/kubernetes/cmd/kube-scheduler"\n\t_ "k8s.io/kubernetes/cmd/kubectl"\n)\n' >"$work/tools.go"
  sed -i '1i //go:build tools\n' "$work/tools.go"
  local ld="-s -w"
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld+=" -X $pkg.gitVersion=$KUBERNETES_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
    ld+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
  done
  log "building Kubernetes $KUBERNETES_VERSION (first build: tens of minutes on 2 CPUs)"
  (cd "$work" && go mod tidy -e >&2 && mkdir -p "$out" &&
    go build -trimpath -ldflags "$ld" -o "$out/" k8s.io/kubernetes/cmd/kube-apiserver \
      k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl >&2)
  rm -rf "$work"
  touch "$out/.complete"
}

# etcd's server module has replace directives too: a second wrapper module, so etcd's pins never meet Kubernetes'.
build_etcd() {
  local out=$CACHE/etcd-$ETCD_VERSION
  [[ -f $out/.complete ]] && return
  local work; work=$(mktemp -d)
  printf 'module openluffy.io/etcd\n\ngo 1.24\n\nrequire go.etcd.io/etcd/server/v3 %s\n' "$ETCD_VERSION" >"$work/go.mod"
  printf '//go:build tools\n\npackage tools\n\nimport _ "go.etcd.io/etcd/server/v3"\n' >"$work/tools.go"
  log "building etcd $ETCD_VERSION"
  (cd "$work" && go mod tidy -e >&2 && mkdir -p "$out" &&
    go build -trimpath -ldflags "-s -w" -o "$out/etcd" go.etcd.io/etcd/server/v3 >&2)
  rm -rf "$work"
  touch "$out/.complete"
}

build_kwok() {
  local out=$CACHE/kwok-$KWOK_VERSION
  [[ -f $out/.complete ]] && return
  log "building kwok $KWOK_VERSION"
  mkdir -p "$out"
  GOBIN=$out go install -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION" >&2
  touch "$out/.complete"
}

start=$SECONDS
build_etcd
build_kwok
build_kubernetes
bin=$CACHE/bin-$KUBERNETES_VERSION-etcd-$ETCD_VERSION-kwok-$KWOK_VERSION
mkdir -p "$bin"
for f in "$CACHE/kubernetes-$KUBERNETES_VERSION"/* "$CACHE/etcd-$ETCD_VERSION/etcd" "$CACHE/kwok-$KWOK_VERSION/kwok"; do
  ln -sfn "$f" "$bin/$(basename "$f")"
done
log "control plane ready in $bin ($((SECONDS - start)) s)"
echo "$bin"
