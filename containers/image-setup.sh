#!/bin/bash
# image-setup.sh: the last build step of the HA Lab node image, run INSIDE the image's root
# after the packages of packages.txt are installed and rootfs/ is copied in.
#
# Why one script: there are two builders, build-offline.sh (debootstrap + chroot, no registry
# needed) and the Dockerfile (for users with a registry). Both run this same file, so the two
# images get the same users, diversions, checks and cleanup. It is not shipped in the image.
set -euo pipefail
say() { echo "[image-setup] $*"; }
fail() { echo "[image-setup] ERROR: $*" >&2; exit 1; }

# 1. A CentOS-style "nginx" system user: nginx.conf files copied from the tutorials say
#    `user nginx;`, which fails on Debian (its nginx runs as www-data) without this user.
if ! getent passwd nginx >/dev/null; then
    useradd --system --user-group --home-dir /var/lib/nginx --no-create-home \
        --shell /usr/sbin/nologin --comment "nginx user (CentOS compatibility)" nginx
    say "added user nginx"
fi

# 2. /usr/sbin/service is Debian's (it would run /etc/init.d scripts behind our systemctl's
#    back). Divert it so scripts with a minimal PATH also get our stand-in.
if [ ! -L /usr/sbin/service ]; then
    dpkg-divert --quiet --local --rename --divert /usr/sbin/service.debian --add /usr/sbin/service
    ln -s /usr/local/sbin/service /usr/sbin/service
    say "diverted /usr/sbin/service to /usr/sbin/service.debian"
fi

# 3. cron's PAM stack requires pam_loginuid, which cannot write /proc/self/loginuid in a
#    container (no CAP_AUDIT_CONTROL): every cron job would fail with "PAM ERROR".
#    "optional" keeps the module but lets the session open.
sed -i -E 's/^(session[[:space:]]+)required([[:space:]]+pam_loginuid\.so)/\1optional\2/' /etc/pam.d/cron

# 4. Facts the helpers rely on.
[ "$(keepalived --signum=JSON)" = 36 ] || fail "keepalived --signum=JSON is not 36 (halab-vrrp-json sends 36)"
for cmd in tini busybox socat flock setsid logger script ip ss netstat ps pgrep killall tcpdump \
    curl ping arp crontab cron nginx keepalived iptables less vim.tiny timeout; do
    command -v "$cmd" >/dev/null || fail "command $cmd is missing"
done
for f in /usr/local/sbin/halab-init /usr/local/bin/systemctl /usr/local/sbin/sysctl /usr/local/bin/mail; do
    [ -x "$f" ] || fail "$f is missing or not executable (rootfs/ not copied?)"
done
if dpkg-query -W -f '${Package}\n' | grep -E -x 'exim4.*|postfix|sendmail.*|bsd-mailx|s-nail|mailutils|nullmailer|msmtp.*' >/dev/null; then
    fail "an MTA or mail client got installed; the image ships its own mail"
fi

# 5. Lab nodes have no route to a package mirror: keep no package sources in the image.
rm -f /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources
echo "# HA Lab node: no package sources; every package the labs need is preinstalled." >/etc/apt/sources.list

# 6. Cleanup: package lists and caches, documentation (licence files kept), manuals,
#    translations, logs and temporary files; leftovers of the build.
apt-get clean
rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/cache/debconf/*-old /var/lib/dpkg/*-old \
    /var/cache/ldconfig/aux-cache
find /usr/share/doc -mindepth 1 ! -type d ! -name copyright -delete
find /usr/share/doc -mindepth 1 -type d -empty -delete
rm -rf /usr/share/man/* /usr/share/info/* /usr/share/locale/* /usr/share/lintian /usr/share/linda
find /var/log -type f -delete # keeps the directories: nginx cannot start without /var/log/nginx
rm -rf /tmp/* /tmp/.[!.]* /var/tmp/* /root/.cache
rm -f /usr/sbin/policy-rc.d
say "done"
