#!/usr/bin/env bash
# Prepares a machine to run HA Lab and its tests: Docker engine reachable, npm packages, the build,
# and the lab node image. Installs missing system packages only where it can (root with apt-get).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }
can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }
apt_updated=
apt_install() {
  [ -n "$apt_updated" ] || { say "apt-get update"; apt-get update -qq; apt_updated=1; }
  say "installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# 1. A reachable Docker engine.
if ! docker info >/dev/null 2>&1; then
  if ! command -v dockerd >/dev/null; then
    can_apt || die "Docker is not installed or not running. Install Docker (https://docs.docker.com/engine/install/) and start it."
    apt_install docker.io
  fi
  if ! docker info >/dev/null 2>&1; then
    [ "$(id -u)" = 0 ] || die "Docker is installed but not running: start it (sudo systemctl start docker)."
    if command -v systemctl >/dev/null && systemctl is-system-running >/dev/null 2>&1; then
      systemctl start docker
    else
      say "starting dockerd in the background (log: /var/log/dockerd.log)"
      nohup dockerd >/var/log/dockerd.log 2>&1 &
    fi
    for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
    docker info >/dev/null 2>&1 || die "dockerd did not come up within 60 s; see /var/log/dockerd.log"
  fi
fi
say "docker engine $(docker version --format '{{.Server.Version}}')"

# 2. The offline image builder's tool, where no registry is reachable.
if ! command -v debootstrap >/dev/null && can_apt; then apt_install debootstrap; fi

# 3. Chromium for the end-to-end tests of the UI (Debian's build; Playwright's own download cannot work offline),
#    with CJK fonts so Chinese text renders in screenshots.
if ! command -v chromium >/dev/null && can_apt; then apt_install chromium fonts-noto-cjk; fi

# 3b. What the tests of a class on two engines use to run a second dockerd in its own network namespace
#     (ip, nsenter), to give it a TLS front (openssl) and to clean up after it (pkill).
for tool in ip:iproute2 nsenter:util-linux openssl:openssl pkill:procps; do
  if ! command -v "${tool%%:*}" >/dev/null && can_apt; then apt_install "${tool#*:}"; fi
done

# 4. npm packages and the build.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  # better-sqlite3 (the class store) is compiled here against this Node's headers: its installer would
  # otherwise first try to download a prebuilt binary from outside.
  npm_config_build_from_source=true npm ci --no-audit --no-fund --loglevel=error
fi
say "building"
npm run build --silent

# 5. The lab node image (built once per image definition; offline where debootstrap is available).
node dist/electron/cli/halab.js image build --if-missing
say "ready"
