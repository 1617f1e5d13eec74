#!/usr/bin/env bash
# build-offline.sh TAG: build the HA Lab node image without a container registry.
#
# Why: the machines this project runs on reach Debian's package mirror but no registry, so
# `FROM debian:...` cannot work. We debootstrap Debian bookworm (minbase) from the mirror the
# host's apt already uses, install packages.txt (no recommends), apply the updates and
# security suites, copy rootfs/ in, run image-setup.sh (the same last step as the Dockerfile),
# and `docker import` the tree with the same ENTRYPOINT/ENV/WORKDIR/LABEL as the Dockerfile
# (STOPSIGNAL: see the import step). Keep the two parallel.
#
# Mirror: $HALAB_DEBIAN_MIRROR if set, else the first Debian archive URI of the host's apt
# configuration (deb822 /etc/apt/sources.list.d/*.sources "URIs:", or classic "deb URI suite"
# lines in /etc/apt/sources.list{,.d/*.list}). The security archive: $HALAB_DEBIAN_SECURITY_MIRROR,
# else the host's URI that serves a "*-security" suite; without one, security updates are
# skipped (with a warning). No mirror name is stored anywhere in this repository.
#
# Cache: downloaded .debs are kept in ${XDG_CACHE_HOME:-$HOME/.cache}/halab/debootstrap, so a
# rebuild downloads only the package indexes and what changed.
#
# Output for a UI: every progress line starts with "[image] " and has the form
#     [image] <phase>: <message> (<seconds since start>s)
# phases: check, mirror, debootstrap, updates, rootfs, setup, import, done. Errors go to stderr
# as "[image] ERROR: <message>" and the exit status is non-zero.
#
# Needs: root, debootstrap, a running docker daemon. Exit: 0 built, 1 failure, 2 usage.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SUITE=bookworm
T0=$(date +%s%N)

elapsed() { local now; now=$(date +%s%N); awk -v d=$(((now - T0) / 1000000)) 'BEGIN { printf "%.1f", d / 1000 }'; }
say() { printf '[image] %s (%ss)\n' "$*" "$(elapsed)"; }
die() { printf '[image] ERROR: %s\n' "$*" >&2; exit 1; }

if [ $# -ne 1 ] || [ -z "$1" ] || [[ $1 == -* ]]; then
    echo "usage: $0 TAG    (e.g. $0 halab-node:dev)" >&2
    exit 2
fi
TAG=$1

# the mirror's address stays out of our progress lines (a UI may save them to a file)
redact() { local l=$1; [ -n "${MIRROR:-}" ] && l=${l//"$MIRROR"/<mirror>}; printf '%s' "$l"; }

# ---- check ---------------------------------------------------------------------------------
[ "$(id -u)" -eq 0 ] || die "must run as root (debootstrap and chroot need it)"
command -v debootstrap >/dev/null || die "debootstrap is not installed (apt-get install debootstrap)"
command -v docker >/dev/null || die "docker is not installed"
docker info >/dev/null 2>&1 || die "the docker daemon is not reachable (is dockerd running?)"
for f in packages.txt image-setup.sh rootfs/usr/local/sbin/halab-init; do
    [ -e "$HERE/$f" ] || die "$HERE/$f is missing"
done
say "check: root, debootstrap and docker present; tag $TAG"

# ---- mirror --------------------------------------------------------------------------------
# prints "URI SUITE" for every deb source of the host's apt configuration
host_sources() {
    local f
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -r "$f" ] || continue
        awk '
            function flush() { if (deb && uris != "" && suites != "") { n = split(uris, u, " "); m = split(suites, s, " ");
                                 for (i = 1; i <= n; i++) for (j = 1; j <= m; j++) print u[i], s[j] }
                               deb = 0; uris = ""; suites = "" }
            /^[ \t]*#/ { next }
            /^[ \t]*$/ { flush(); next }
            tolower($1) == "types:"  { deb = 0; for (i = 2; i <= NF; i++) if ($i == "deb") deb = 1 }
            tolower($1) == "uris:"   { $1 = ""; uris = $0 }
            tolower($1) == "suites:" { $1 = ""; suites = $0 }
            tolower($1) == "enabled:" && tolower($2) == "no" { deb = 0 }
            END { flush() }' "$f"
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -r "$f" ] || continue
        # deb [opts] URI SUITE COMPONENTS...
        sed -E -e 's/#.*//' -e 's/\[[^]]*\]//' "$f" | awk '$1 == "deb" && NF >= 3 { print $2, $3 }'
    done
}
SOURCES=$(host_sources)
MIRROR=${HALAB_DEBIAN_MIRROR:-$(awk '$2 !~ /-security$/ { print $1; exit }' <<<"$SOURCES")}
SECURITY=${HALAB_DEBIAN_SECURITY_MIRROR:-$(awk '$2 ~ /-security$/ { print $1; exit }' <<<"$SOURCES")}
[ -n "$MIRROR" ] || die "no Debian mirror: set HALAB_DEBIAN_MIRROR or configure apt on this host"
MIRROR=${MIRROR%/}
SECURITY=${SECURITY%/}
say "mirror: Debian archive from ${HALAB_DEBIAN_MIRROR:+HALAB_DEBIAN_MIRROR}${HALAB_DEBIAN_MIRROR:-the host apt configuration}${SECURITY:+, security archive found}"

PACKAGES=$(sed -e 's/#.*//' "$HERE/packages.txt" | tr -s ' \t\n' '\n' | sed '/^$/d' | paste -sd, -)
[ -n "$PACKAGES" ] || die "packages.txt lists no package"

CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/halab/debootstrap
mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd)

WORK=$(mktemp -d /var/tmp/halab-image.XXXXXX)
ROOT=$WORK/root
cleanup() {
    local rc=$?
    if [ -d "$ROOT" ]; then
        for m in "$ROOT/proc" "$ROOT/sys" "$ROOT/dev/pts" "$ROOT/dev"; do
            mountpoint -q "$m" 2>/dev/null && umount -l "$m" 2>/dev/null
        done
    fi
    # --one-file-system: never descend into something still mounted
    rm -rf --one-file-system "$WORK" 2>/dev/null || true
    [ $rc -eq 0 ] || printf '[image] ERROR: build failed (exit %s)\n' "$rc" >&2
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# run CMD... with its output in $WORK/LOGNAME; on failure show the end of it
run_logged() {
    local log=$WORK/$1.log
    shift
    if ! "$@" >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        return 1
    fi
}

# ---- debootstrap -----------------------------------------------------------------------------
say "debootstrap: $SUITE minbase with $(tr ',' '\n' <<<"$PACKAGES" | wc -l) packages, cache $CACHE"
# one progress line per change of debootstrap's activity (Retrieving, Validating, Extracting, ...)
set +e
debootstrap --variant=minbase --include="$PACKAGES" --cache-dir="$CACHE" \
    "$SUITE" "$ROOT" "$MIRROR" 2>&1 | tee "$WORK/debootstrap.log" | {
    last=""
    while IFS= read -r line; do
        case $line in
            "I: "*)
                act=${line#I: }
                act=${act%% *}
                # downloading alternates "Retrieving X" / "Validating X": one activity
                case $act in Retrieving | Validating) act=fetch ;; esac
                if [ "$act" != "$last" ]; then
                    say "debootstrap: $(redact "${line#I: }")"
                    last=$act
                fi ;;
            "E: "* | "W: "*) say "debootstrap: $(redact "$line")" ;;
        esac
    done
}
rc=${PIPESTATUS[0]}
set -e
if [ "$rc" -ne 0 ]; then
    tail -n 40 "$WORK/debootstrap.log" >&2
    die "debootstrap failed (exit $rc)"
fi
say "debootstrap: done"

# ---- updates: bookworm-updates and bookworm-security, as `apt-get dist-upgrade` in the Dockerfile
say "updates: apt-get update and dist-upgrade in the new root"
{
    echo "deb $MIRROR $SUITE main"
    echo "deb $MIRROR $SUITE-updates main"
    [ -n "$SECURITY" ] && echo "deb $SECURITY $SUITE-security main"
} >"$ROOT/etc/apt/sources.list"
[ -n "$SECURITY" ] || say "updates: WARNING no security archive configured on this host; security updates skipped"
# no package script may start a daemon in the host's namespaces
printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
chmod 755 "$ROOT/usr/sbin/policy-rc.d"
mount -t proc proc "$ROOT/proc"
# reuse cached .debs of earlier updates (hard links when on the same file system)
find "$CACHE" -maxdepth 1 -name '*.deb' -exec cp -n -l -t "$ROOT/var/cache/apt/archives/" {} + 2>/dev/null ||
    find "$CACHE" -maxdepth 1 -name '*.deb' -exec cp -n -t "$ROOT/var/cache/apt/archives/" {} + || true
APT=(chroot "$ROOT" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8
    apt-get -q -o Acquire::Languages=none -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
run_logged apt-update "${APT[@]}" update || die "apt-get update failed"
run_logged apt-upgrade "${APT[@]}" -y --no-install-recommends dist-upgrade || die "apt-get dist-upgrade failed"
upgraded=$(grep -c '^Unpacking ' "$WORK/apt-upgrade.log" || true)
find "$ROOT/var/cache/apt/archives" -maxdepth 1 -name '*.deb' -exec cp -n -t "$CACHE/" {} + || true
umount "$ROOT/proc"
say "updates: $upgraded packages upgraded"

# ---- rootfs: our helpers, owned by root whoever checked the repository out -------------------
say "rootfs: copying rootfs/"
(cd "$HERE/rootfs" && tar --owner=0 --group=0 --numeric-owner -cf - -- *) |
    tar -C "$ROOT" --keep-directory-symlink -xpf -

# ---- setup: image-setup.sh inside the root (the Dockerfile runs the same file) ---------------
say "setup: running image-setup.sh"
mkdir -p "$ROOT/tmp/halab-build"
cp "$HERE/image-setup.sh" "$ROOT/tmp/halab-build/"
run_logged setup chroot "$ROOT" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
    bash /tmp/halab-build/image-setup.sh || die "image-setup.sh failed"
rm -rf "$ROOT/tmp/halab-build"
# things debootstrap copied from this host, which Docker provides at run time anyway
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$ROOT/etc/hosts"
echo localhost >"$ROOT/etc/hostname"
rm -f "$ROOT/etc/resolv.conf"
: >"$ROOT/etc/resolv.conf"
rm -f "$ROOT/usr/sbin/policy-rc.d"
[ -e "$ROOT/sbin/start-stop-daemon.REAL" ] && die "debootstrap left a fake start-stop-daemon behind"

# ---- import ----------------------------------------------------------------------------------
say "import: docker import as $TAG"
# The Dockerfile's STOPSIGNAL SIGTERM is not here: `docker import --change` refuses STOPSIGNAL
# ("stopsignal is not a valid change command"), and SIGTERM is Docker's default stop signal,
# so `docker stop` behaves the same for both images.
old_id=$(docker image inspect -f '{{.Id}}' "$TAG" 2>/dev/null || true)
new_id=$(tar -C "$ROOT" --numeric-owner --xattrs --xattrs-include='security.capability' \
    --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' -cf - . |
    docker import \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'ENV LANG=C.UTF-8' \
        --change 'WORKDIR /root' \
        --change 'LABEL io.halab.image=node' \
        --change 'ENTRYPOINT ["/usr/bin/tini","-g","--","/usr/local/sbin/halab-init"]' \
        - "$TAG")
# the image this tag pointed to before, if nothing else uses it now
if [ -n "$old_id" ] && [ "$old_id" != "$new_id" ] &&
    [ -z "$(docker image inspect -f '{{join .RepoTags " "}}' "$old_id" 2>/dev/null)" ]; then
    docker image rm "$old_id" >/dev/null 2>&1 || true
fi
size=$(docker image inspect -f '{{.Size}}' "$TAG")
say "done: $TAG $(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1000000 }') MB ($size bytes), id ${new_id#sha256:}"
