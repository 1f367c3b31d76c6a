#!/usr/bin/env bash
# Installs the Debian packages Seawall's demo, tests and benchmarks use.
# Idempotent: when every command is already present it does nothing, quickly.
set -euo pipefail

# command -> Debian package that provides it
declare -A needed=(
  [debootstrap]=debootstrap   # builds the sample and test root filesystems
  [umoci]=umoci               # turns a root filesystem into an OCI image layout
  [skopeo]=skopeo             # copies images between layouts, archives and registries
  [docker-registry]=docker-registry # the real local registry the registry tests talk to
  [zstd]=zstd                 # zstd-compressed layer fixtures
  [htpasswd]=apache2-utils    # basic-auth credentials for the registry tests
  [openssl]=openssl           # TLS certificates for the registry tests
  [hyperfine]=hyperfine       # benchmark timing
  [/usr/bin/time]=time       # peak memory in the benchmark (`time` alone is the shell keyword)
  [runc]=runc                 # seawall run / record: the OCI runtime
  [bpftrace]=bpftrace         # seawall record: the kernel sensor
  [ip]=iproute2               # container network namespaces and veth pairs
  [wrk]=wrk                   # the sensor-overhead benchmark's load generator
  [apparmor_parser]=apparmor  # syntax check of generated AppArmor profiles
  [secilc]=secilc             # syntax check of generated SELinux CIL policies
  [pg_ctlcluster]=postgresql  # the fleet store's PostgreSQL dialect (tests start a private server on loopback)
  [crun]=crun                 # the agent discovers crun containers too; its tests run a real one
)

missing=()
for cmd in "${!needed[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${needed[$cmd]}")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "setup-system: these Debian packages are missing and installing them needs root: ${missing[*]}" >&2
  exit 2
fi
export DEBIAN_FRONTEND=noninteractive
# An old or empty package list makes apt-get install fail; refresh it first.
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian's docker-registry package starts a system-wide service on :5000; the tests start their own.
if command -v systemctl >/dev/null 2>&1; then systemctl disable --now docker-registry >/dev/null 2>&1 || true; fi
pkill -f '^/usr/bin/docker-registry serve /etc/docker/registry/config.yml' 2>/dev/null || true
echo "setup-system: installed ${missing[*]}"
