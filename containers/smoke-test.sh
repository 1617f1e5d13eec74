#!/usr/bin/env bash
# smoke-test.sh TAG: prove that an HA Lab node image does what the labs need, with real
# keepalived and nginx in two containers on a bridge network.
#
# What it builds (all labelled io.halab.test=image plus a per-run label, all removed on exit,
# also on failure or Ctrl-C):
#   network  10.250.77.0/24 (gateway .254), bridge, no IP masquerade (no NAT to the outside)
#   lb01     10.250.77.1  --hostname lb01   + its sysctl sidecar (--network container:lb01)
#   lb02     10.250.77.2  --hostname lb02   (no sidecar: shows the error a learner gets)
# Nodes run unprivileged: --cap-drop ALL --cap-add NET_ADMIN --cap-add NET_RAW plus the
# capabilities the daemons themselves need (see NODE_CAPS), --memory 256m --pids-limit 256.
# Never --privileged, never the host network. The only traffic is between these containers.
#
# Output: one "PASS: ..." or "FAIL: ... " line per assertion (FAIL lines carry what was seen),
# a few "INFO: ..." measurements, and at the end "smoke: N passed, N failed".
# Exit: 0 only if every assertion passed; 1 otherwise; 2 usage or missing prerequisites.
# Every wait is bounded. Set SMOKE_CRON_WAIT=0 to skip waiting (up to 125 s: a freshly started cron may first run jobs at the second minute boundary) for a cron job.
set -uo pipefail

TAG=${1:-}
if [ -z "$TAG" ]; then
    echo "usage: $0 TAG    (e.g. $0 halab-node:dev)" >&2
    exit 2
fi
command -v docker >/dev/null || { echo "smoke: docker is not installed" >&2; exit 2; }
docker image inspect "$TAG" >/dev/null 2>&1 || { echo "smoke: image $TAG not found (build it with build-offline.sh)" >&2; exit 2; }

RUN=halab-smoke-$$
NET=$RUN-net
LB1=$RUN-lb01
LB2=$RUN-lb02
SIDE1=$RUN-lb01-sysctl
SUBNET=10.250.77.0/24
GW=10.250.77.254
IP1=10.250.77.1
IP2=10.250.77.2
VIP=10.250.77.3
LABELS=(--label io.halab.test=image --label "io.halab.test.run=$RUN")
# NET_ADMIN + NET_RAW: VRRP, VIPs, ARP, ping, tcpdump, iptables (keepalived-facts.md).
# SETUID + SETGID: keepalived drops privileges (setgroups) before every vrrp_script/notify
#   script, nginx workers switch to www-data, cron switches to the job's user: without them
#   scripts never run ("Couldn't setgroups") and nginx does not start.
# CHOWN: nginx chowns its temp dirs to the worker user. KILL: root signalling processes of
#   other users (`killall nginx` must reach www-data workers). DAC_OVERRIDE + FOWNER: root
#   reading and chmod-ing files it does not own (nginx's 0700 temp dirs, learners' files).
NODE_CAPS=(--cap-drop ALL --cap-add NET_ADMIN --cap-add NET_RAW --cap-add SETUID --cap-add SETGID
    --cap-add CHOWN --cap-add KILL --cap-add DAC_OVERRIDE --cap-add FOWNER)

PASSED=0 FAILED=0
T0=$(date +%s)
pass() { PASSED=$((PASSED + 1)); echo "PASS: $1"; }
fail() {
    FAILED=$((FAILED + 1))
    echo "FAIL: $1"
    [ -n "${2:-}" ] && printf '%s\n' "$2" | head -n 15 | sed 's/^/      | /'
    return 0
}
info() { echo "INFO: $*"; }

cleanup() {
    local ids
    ids=$(docker ps -aq --filter "label=io.halab.test.run=$RUN")
    [ -n "$ids" ] && docker rm -f $ids >/dev/null 2>&1
    docker network rm "$NET" >/dev/null 2>&1
    return 0
}
finish() {
    local rc=$?
    cleanup
    if [ "${REPORTED:-0}" != 1 ]; then
        echo "smoke: $PASSED passed, $FAILED failed (interrupted)"
        exit 1
    fi
    exit $rc
}
trap finish EXIT
trap 'exit 1' INT TERM HUP

x1() { docker exec "$LB1" "$@"; }
x2() { docker exec "$LB2" "$@"; }
sh1() { docker exec "$LB1" bash -c "$1"; }
sh2() { docker exec "$LB2" bash -c "$1"; }

# expect DESC REGEX CMD...: CMD must exit 0 and its output must match REGEX (grep -E)
expect() {
    local desc=$1 re=$2 out
    shift 2
    if out=$("$@" 2>&1) && grep -Eq -- "$re" <<<"$out"; then pass "$desc"; else fail "$desc" "$out"; fi
}
# expect_rc DESC RC REGEX CMD...: CMD must exit with RC and its output match REGEX
expect_rc() {
    local desc=$1 want=$2 re=$3 out rc
    shift 3
    out=$("$@" 2>&1)
    rc=$?
    if [ "$rc" -eq "$want" ] && grep -Eq -- "$re" <<<"$out"; then pass "$desc"; else fail "$desc (exit $rc, wanted $want)" "$out"; fi
}
# wait_for SECONDS CMD...: poll CMD every 0.2 s until it succeeds; fails after SECONDS
# node_booted NODE: running, and its init's last word is "ready" (the previous boot ended with "stopped")
node_booted() {
    [ "$(docker inspect -f '{{.State.Running}}' "$1" 2>/dev/null)" = true ] &&
        [ "$(docker exec "$1" tail -n 1 /var/log/halab/init.log 2>/dev/null)" = '[halab-init] ready' ]
}
wait_for() {
    local end=$(($(date +%s%N) + $1 * 1000000000))
    shift
    while :; do
        "$@" >/dev/null 2>&1 && return 0
        [ "$(date +%s%N)" -ge "$end" ] && return 1
        sleep 0.2
    done
}
# which nodes hold the VIP, from the kernel (ip -j -4 addr), e.g. "lb01" or "lb01 lb02" or ""
holders() {
    local h=""
    x1 ip -j -4 addr show 2>/dev/null | grep -q "\"local\":\"$VIP\"" && h="lb01"
    x2 ip -j -4 addr show 2>/dev/null | grep -q "\"local\":\"$VIP\"" && h="${h:+$h }lb02"
    echo "$h"
}
holder_is() { [ "$(holders)" = "$1" ]; }
json_state() { # reads keepalived.json on stdin, prints data.state of the first instance
    if command -v jq >/dev/null; then
        jq -e '.[0].data.state'
    elif command -v node >/dev/null; then
        node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);if(!Array.isArray(j))process.exit(1);console.log(j[0].data.state)})'
    else
        python3 -c 'import json,sys; j=json.load(sys.stdin); assert isinstance(j,list); print(j[0]["data"]["state"])'
    fi
}

# ---- set up ---------------------------------------------------------------------------------
echo "smoke: image $TAG ($(docker image inspect -f '{{.Size}}' "$TAG" | awk '{printf "%.1f MB", $1/1e6}')), run $RUN"
if docker network ls -q | xargs docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}} {{end}}' 2>/dev/null |
    grep -q "$SUBNET"; then
    echo "smoke: another network already uses $SUBNET (a previous run?); remove it first" >&2
    REPORTED=1
    exit 2
fi
docker network create "${LABELS[@]}" -o com.docker.network.bridge.enable_ip_masquerade=false \
    --subnet "$SUBNET" --gateway "$GW" "$NET" >/dev/null || { REPORTED=1; echo "smoke: cannot create network" >&2; exit 2; }
for n in 1 2; do
    name=$RUN-lb0$n ip=10.250.77.$n
    docker run -d --name "$name" --hostname "lb0$n" "${LABELS[@]}" --network "$NET" --ip "$ip" --dns 127.0.0.1 \
        "${NODE_CAPS[@]}" --memory 256m --pids-limit 256 "$TAG" >/dev/null ||
        { REPORTED=1; echo "smoke: cannot start lb0$n" >&2; exit 2; }
done
docker run -d --name "$SIDE1" "${LABELS[@]}" --network "container:$LB1" \
    --security-opt systempaths=unconfined --cap-drop ALL --cap-add NET_ADMIN --read-only \
    --memory 64m --pids-limit 64 --entrypoint /usr/bin/tini "$TAG" -- /usr/local/sbin/halab-sysctld >/dev/null ||
    { REPORTED=1; echo "smoke: cannot start the sysctl sidecar" >&2; exit 2; }

ready() { docker exec "$1" grep -q 'ready' /var/log/halab/init.log; }
if wait_for 15 ready "$LB1" && wait_for 15 ready "$LB2"; then pass "both nodes started (halab-init ready)"; else fail "nodes did not become ready" "$(docker logs "$LB1" 2>&1 | tail -5)"; fi

# ---- init, logs, read-only /proc/sys ------------------------------------------------------------
expect "PID 1 is tini running halab-init" 'tini -g -- /usr/local/sbin/halab-init' x1 ps -o args= -p 1
expect "busybox syslogd writes /var/log/messages" 'syslogd started' x1 cat /var/log/messages
expect "address monitor runs (ip -ts -o monitor address)" 'ip -ts -o monitor address' x1 ps -eo args
expect "cron is enabled and running at start" '^active$' x1 systemctl is-active cron
expect_rc "/proc/sys is read-only in the node" 1 'Read-only file system' sh1 'echo 1 > /proc/sys/net/ipv4/ip_nonlocal_bind'
expect "the node's /proc/sys mount is ro" ' /proc/sys proc ro[ ,]' x1 cat /proc/mounts
expect "prompt is [root@lb01 ~]# in an interactive shell" '\[root@lb01 ~\]# ' sh1 'echo exit | script -qc "bash -i" /dev/null'

# ---- crontab -e (the job's run is checked at the end) --------------------------------------------
sh1 'printf "%s\n" "* * * * * echo cron-ran >> /tmp/cron-smoke.log" > /tmp/cron-line
     printf "#!/bin/sh\nsleep 1.1\ncat /tmp/cron-line >> \"\$1\"\n" > /tmp/smoke-editor; chmod +x /tmp/smoke-editor' # crontab compares mtimes in whole seconds
expect "crontab -e installs a job (EDITOR as a script)" 'cron-ran' sh1 'EDITOR=/tmp/smoke-editor crontab -e && crontab -l'

# ---- systemctl / service: the unhappy paths first ----------------------------------------------
expect_rc "systemctl start firewalld: unknown unit, exit 5" 5 'Unit firewalld.service not found' x1 systemctl start firewalld
expect_rc "systemctl status firewalld: exit 4" 4 'could not be found' x1 systemctl status firewalld
expect_rc "systemctl bogus-verb: exit 1" 1 'Unknown command verb' x1 systemctl bogus-verb keepalived
expect_rc "systemctl start keepalived without a config fails (exit 1)" 1 'Job for keepalived.service failed' x1 systemctl start keepalived
expect_rc "status after that shows failed (exit 3)" 3 'Active: failed \(Result: exit-code\)' x1 systemctl status keepalived
expect_rc "is-active says failed (exit 3)" 3 '^failed$' x1 systemctl is-active keepalived.service
expect "keepalived said why in /var/log/messages" "Config files missing '/etc/keepalived/keepalived.conf'" x1 cat /var/log/messages

# ---- nginx -------------------------------------------------------------------------------------
for c in "$LB1" "$LB2"; do
    docker exec -i "$c" bash -c 'cat > /etc/nginx/conf.d/www.conf' <<'EOF'
server {
    listen 80;
    server_name www.example.com;
    location / { return 200 "$hostname\n"; }
}
EOF
done
sh1 'printf "server {\n  listen 8080;\n  locaton / { }\n}\n" > /etc/nginx/conf.d/bad.conf'
expect_rc "systemctl start nginx with a typo fails and shows nginx's message" 1 'unknown directive "locaton" in /etc/nginx/conf.d/bad.conf:3' x1 systemctl start nginx
x1 rm -f /etc/nginx/conf.d/bad.conf
expect "systemctl start nginx" '' x1 systemctl start nginx
expect "systemctl status nginx: active (running) with Main PID" 'Active: active \(running\) since .*; .* ago' x1 systemctl status nginx
expect "systemctl status nginx lists master and workers" 'nginx: worker process' x1 systemctl status nginx
expect "service nginx restart (CentOS 6 style)" 'Redirecting to /bin/systemctl restart nginx.service' x1 service nginx restart
expect "systemctl reload nginx" '' x1 systemctl reload nginx
expect "ps -C nginx --no-header | wc -l counts nginx" '^[2-9]$' sh1 'ps -C nginx --no-header | wc -l'
expect "pgrep nginx" '^[0-9]+' x1 pgrep nginx
expect "killall -0 nginx (the tutorials' check)" '' x1 killall -0 nginx
expect "netstat -lntp shows nginx on :80" ':80 .*LISTEN +[0-9]+/nginx' x1 netstat -lntp
expect "ss -lnt shows :80" 'LISTEN .*:80 ' x1 ss -lnt
x2 systemctl start nginx >/dev/null 2>&1

# ---- keepalived election -------------------------------------------------------------------------
ka_conf() { # STATE PRIO
    cat <<EOF
global_defs {
   router_id $(echo "$1" | tr A-Z a-z)
}
vrrp_instance VI_1 {
    state $1
    interface eth0
    virtual_router_id 77
    priority $2
    advert_int 1
    authentication {
        auth_type PASS
        auth_pass 1111
    }
    virtual_ipaddress {
        $VIP
    }
}
EOF
}
ka_conf MASTER 100 | docker exec -i "$LB1" bash -c 'cat > /etc/keepalived/keepalived.conf'
ka_conf BACKUP 90 | docker exec -i "$LB2" bash -c 'cat > /etc/keepalived/keepalived.conf'
expect "systemctl enable --now keepalived (lb01)" 'Created symlink' x1 systemctl enable --now keepalived
expect "is-enabled keepalived" '^enabled$' x1 systemctl is-enabled keepalived
expect "systemctl start keepalived (lb02)" '' x2 systemctl start keepalived
if wait_for 10 holder_is lb01; then pass "exactly one VIP holder: lb01 (ip -j -4 addr on both)"; else fail "election: holders are '$(holders)', wanted lb01"; fi
sleep 1
if holder_is lb01; then pass "still exactly one holder 1 s later"; else fail "holders changed to '$(holders)'"; fi
expect "ip a shows the VIP on lb01" "inet $VIP/32 scope global eth0" x1 ip a
expect "/var/log/messages on lb01: Entering MASTER STATE" 'Keepalived_vrrp\[[0-9]+\]: \(VI_1\) Entering MASTER STATE' x1 cat /var/log/messages
expect "/var/log/messages on lb02: Entering BACKUP STATE" 'Entering BACKUP STATE' x2 cat /var/log/messages
expect "systemctl status keepalived: active, Main PID, log lines" 'Main PID: [0-9]+ \(keepalived\)' x1 systemctl status keepalived
expect "addr.log has a timestamped add of the VIP" "^\[[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}\] [0-9]+: eth0 +inet $VIP/32" x1 cat /var/log/halab/addr.log

out=$(x1 halab-vrrp-json 2>&1)
if st=$(json_state <<<"$out" 2>/dev/null) && [ "$st" = 2 ]; then pass "halab-vrrp-json on lb01: valid JSON, data.state 2 (MASTER)"; else fail "halab-vrrp-json on lb01" "$out"; fi
out=$(x2 halab-vrrp-json 2>&1)
if st=$(json_state <<<"$out" 2>/dev/null) && [ "$st" = 1 ]; then pass "halab-vrrp-json on lb02: data.state 1 (BACKUP)"; else fail "halab-vrrp-json on lb02" "$out"; fi
times=$(sh1 'for i in 1 2 3 4 5; do s=$(date +%s%N); halab-vrrp-json >/dev/null || exit 1; echo $((($(date +%s%N)-s)/1000000)); done' 2>&1)
if [ $? -eq 0 ]; then pass "halab-vrrp-json 5 runs"; info "halab-vrrp-json run times (ms): $(echo $times)"; else fail "halab-vrrp-json repeated runs" "$times"; fi
sleep 0.3
if ! sh1 'grep -q "Printing VRRP as json" /var/log/messages' && sh1 'grep -q "Entering MASTER STATE" /var/log/messages'; then
    pass "state dumps leave no lines in /var/log/messages; keepalived's own lines stay"
else fail "state dumps are filtered from /var/log/messages" "$(sh1 'grep -c "Printing VRRP as json" /var/log/messages')"; fi

# ---- the network commands of the tutorials ------------------------------------------------------
expect "ping lb02 from lb01" "1 received" x1 ping -n -c 1 -W 2 "$IP2"
expect "ping the VIP from lb02" '1 received' x2 ping -n -c 1 -W 2 "$VIP"
expect "curl -H Host:www.example.com http://VIP answers from lb01" '^lb01$' x2 curl -s -m 5 -H Host:www.example.com "http://$VIP"
expect "tcpdump -i eth0 vrrp sees lb01's adverts" "$IP1 > 224\.0\.0\.18: VRRPv2, Advertisement, vrid 77, prio 100" x2 timeout 6 tcpdump -i eth0 -c 2 -nn vrrp
expect "ip neigh on lb02 knows the VIP" "^$VIP dev eth0 lladdr" x2 ip neigh
expect "arp -n on lb02 knows the VIP" "^$VIP +ether" x2 arp -n
expect "iptables works (nft backend)" 'Chain INPUT' x2 iptables -L INPUT -n
expect "vim (vim.tiny) and less are there" 'VIM - Vi IMproved' sh1 'vim --version | head -1 && less --version | head -1'

# ---- failover: systemctl stop keepalived on the master -----------------------------------------
expect "systemctl stop keepalived on lb01" '' x1 systemctl stop keepalived
if wait_for 5 holder_is lb02; then pass "the VIP moved to lb02 (and only lb02)"; else fail "after stop: holders '$(holders)'"; fi
if [ "$(docker inspect -f '{{.State.Running}}' "$LB1")" = true ]; then pass "lb01 container still running after keepalived stopped"; else fail "lb01 container stopped"; fi
expect_rc "systemctl status keepalived on lb01: inactive (dead), exit 3" 3 'Active: inactive \(dead\)' x1 systemctl status keepalived
expect_rc "is-active: inactive, exit 3" 3 '^inactive$' x1 systemctl is-active keepalived
expect_rc "halab-vrrp-json with keepalived stopped: exit 3" 3 'keepalived is not running' x1 halab-vrrp-json
expect "lb01 logged its priority-0 advert" '\(VI_1\) sent 0 priority' x1 cat /var/log/messages
expect "lb02 logged Entering MASTER STATE" 'Entering MASTER STATE' x2 cat /var/log/messages
expect "curl the VIP now answers from lb02" '^lb02$' x1 curl -s -m 5 -H Host:www.example.com "http://$VIP"
del=$(x1 grep "Deleted .* inet $VIP/" /var/log/halab/addr.log | tail -1)
add=$(x2 grep -v Deleted /var/log/halab/addr.log | grep " inet $VIP/" | tail -1)
if [ -n "$del" ] && [ -n "$add" ]; then
    pass "addr.log: Deleted on lb01, added on lb02"
    gap=$(awk -v a="${del:1:26}" -v b="${add:1:26}" 'BEGIN {
        split(a, x, /[-T:]/); split(b, y, /[-T:]/)
        print (y[4]*3600 + y[5]*60 + y[6]) - (x[4]*3600 + x[5]*60 + x[6]) }')
    info "VIP gap on graceful stop (lb01 Deleted -> lb02 add, from addr.log): ${gap} s"
    info "addr.log line: $del"
else
    fail "addr.log lines for the failover" "lb01: $del / lb02: $add"
fi

# ---- preempt back, then killall keepalived ---------------------------------------------------------
expect "systemctl restart keepalived on lb01" '' x1 systemctl restart keepalived
if wait_for 10 holder_is lb01; then pass "lb01 (priority 100) took the VIP back"; else fail "preempt: holders '$(holders)'"; fi
expect "killall keepalived on lb01" '' x1 killall keepalived
if wait_for 5 holder_is lb02; then pass "after killall keepalived the VIP is on lb02"; else fail "after killall: holders '$(holders)'"; fi
if wait_for 5 bash -c "docker exec $LB1 systemctl is-active keepalived; [ \$? -eq 3 ]"; then pass "status after killall: inactive, container up"; else fail "status after killall" "$(x1 systemctl status keepalived 2>&1)"; fi

# ---- mail ------------------------------------------------------------------------------------------
SUBJ='异常告警keepalived 主服务器切换'
expect "echo body | mail -s <Chinese subject> root@example.com ops@example.com" '' \
    sh1 "echo '啦啦啦!你好!备用服务器\$(hostname)的keepalived服务已竞选为主' | mail -s '$SUBJ' root@example.com ops@example.com"
expect "/var/mail/root has the message with the UTF-8 subject" "^Subject: $SUBJ\$" x1 cat /var/mail/root
expect "/var/mail/root: mbox From line, From: root@lb01, To: both" '^From root@lb01 ' x1 cat /var/mail/root
expect "/var/mail/ops got it too" 'To: root@example.com, ops@example.com' x1 cat /var/mail/ops
expect "mail -s s root < file" 'body from a file' sh1 'echo "body from a file" > /tmp/m.txt && mail -s s root < /tmp/m.txt && cat /var/mail/root'
expect_rc "mail with an unknown option: clear error" 1 "unknown option '-x'" x1 mail -x root

# ---- sysctl through the sidecar -------------------------------------------------------------------
expect "sidecar listens on @halab-sysctl" 'listening on @halab-sysctl' docker logs "$SIDE1"
expect "sysctl -w net.ipv4.ip_nonlocal_bind=1 (lb01)" '^net.ipv4.ip_nonlocal_bind = 1$' x1 sysctl -w net.ipv4.ip_nonlocal_bind=1
expect "sysctl net.ipv4.ip_nonlocal_bind reads 1" '^net.ipv4.ip_nonlocal_bind = 1$' x1 sysctl net.ipv4.ip_nonlocal_bind
expect "the tutorial's spelling: sysctl net.ipv4.ip_nonlocal_bind = 1" '^net.ipv4.ip_nonlocal_bind = 1$' x1 sysctl net.ipv4.ip_nonlocal_bind = 1
expect "lb02's own value is untouched (0)" '^0$' x2 cat /proc/sys/net/ipv4/ip_nonlocal_bind
expect_rc "sysctl -w kernel.hostname=x is refused (the real sysctl's error, exit 1)" 1 'only net\.\* keys' x1 sysctl -w kernel.hostname=x
expect "sysctl -p applies a net key from /etc/sysctl.conf" '^net.ipv4.tcp_keepalive_time = 600$' \
    sh1 'echo "net.ipv4.tcp_keepalive_time = 600" >> /etc/sysctl.conf && sysctl -p'
expect "... and the kernel has it" '^600$' x1 cat /proc/sys/net/ipv4/tcp_keepalive_time
expect "sysctl -a still reads through the real sysctl" 'net.ipv4.ip_nonlocal_bind = 1' x1 sysctl -a
expect_rc "the sidecar refuses other keys on its socket" 0 '^error: kernel.hostname: only net' \
    sh1 'printf "kernel.hostname=x\n" | socat -t 2 - ABSTRACT-CONNECT:halab-sysctl'
expect_rc "the sidecar refuses path tricks and unsafe values" 0 '^error: .*error: ' \
    sh1 'printf "net.ipv4..x=1\nnet.ipv4.ip_forward=1;reboot\n" | socat -t 2 - ABSTRACT-CONNECT:halab-sysctl | tr "\n" " "'
expect_rc "without a sidecar (lb02): clear error, exit 1" 1 'sysctl helper is not running' x2 sysctl -w net.ipv4.ip_nonlocal_bind=1
# the tutorials' echo into /proc/sys, typed in an interactive bash (as `docker exec -it` gives)
tty_out=$(printf '%s\n' 'echo 0 > /proc/sys/net/ipv4/ip_nonlocal_bind' 'cat /proc/sys/net/ipv4/ip_nonlocal_bind' \
    'echo "1" >/proc/sys/net/ipv4/ip_nonlocal_bind' 'cat /proc/sys/net/ipv4/ip_nonlocal_bind' 'exit' |
    docker exec -i "$LB1" script -qc 'bash -i' /dev/null 2>&1 | tr -d '\r' | grep -v '^exit$')
info "what the learner sees in an interactive shell on lb01:"
sed -n '/^\[root@lb01/,$p' <<<"$tty_out" | sed 's/^/      > /'
if grep -Eq '^0$' <<<"$tty_out" && grep -Eq '^1$' <<<"$tty_out" && ! grep -q 'Read-only' <<<"$tty_out"; then
    pass "interactive 'echo V > /proc/sys/net/...' sets the key (0 then 1)"
else
    fail "interactive echo into /proc/sys/net" "$tty_out"
fi
out=$(docker run --rm "${LABELS[@]}" --network "container:$LB1" --security-opt systempaths=unconfined \
    --entrypoint /usr/bin/tini "$TAG" -- /usr/local/sbin/halab-sysctld 2>&1)
if grep -q 'refusing to run with capabilities' <<<"$out"; then pass "halab-sysctld refuses to run with more than NET_ADMIN"; else fail "sidecar with default caps" "$out"; fi

# ---- docker stop: keepalived gets SIGTERM, the backup takes over at once ---------------------------
x1 systemctl start keepalived >/dev/null 2>&1
if wait_for 10 holder_is lb01; then
    s=$(date +%s%N)
    docker stop -t 10 "$LB1" >/dev/null
    ms=$((($(date +%s%N) - s) / 1000000))
    code=$(docker inspect -f '{{.State.ExitCode}}' "$LB1")
    if [ "$ms" -lt 8000 ] && [ "$code" = 0 ]; then pass "docker stop lb01 is graceful (${ms} ms, exit 0)"; else fail "docker stop lb01: ${ms} ms, exit code $code" "$(docker logs "$LB1" 2>&1 | tail -5)"; fi
    if wait_for 3 bash -c "docker exec $LB2 ip -j -4 addr show | grep -q '\"local\":\"$VIP\"'"; then pass "lb02 holds the VIP after docker stop lb01"; else fail "VIP after docker stop" "$(x2 ip -4 -o addr)"; fi
    expect "halab-init logged its orderly stop" '\[halab-init\] stopped' docker logs "$LB1"
else
    fail "lb01 did not take the VIP back before docker stop: holders '$(holders)'"
fi

# ---- the cron job -------------------------------------------------------------------------------
if [ "${SMOKE_CRON_WAIT:-1}" = 1 ]; then
    # cron restarts with the node (enabled); the crontab survives
    if ! started=$(docker start "$LB1" 2>&1); then
        fail "docker start lb01 after docker stop" "$started"
    elif ! wait_for 10 node_booted "$LB1"; then
        fail "lb01 did not boot again after docker stop" "$(docker inspect -f '{{.State.Status}} exit {{.State.ExitCode}} {{.State.Error}}' "$LB1"; docker logs --tail 10 "$LB1" 2>&1)"
    else
        sh1 'rm -f /tmp/cron-smoke.log'
        if wait_for 125 docker exec "$LB1" test -s /tmp/cron-smoke.log; then pass "the crontab -e job ran (cron in a node runs jobs)"; else fail "cron job did not run within 125 s" "$(x1 grep -i cron /var/log/messages | tail -5)"; fi
    fi
else
    info "SMOKE_CRON_WAIT=0: not waiting for the cron job"
fi

info "smoke test took $(($(date +%s) - T0)) s"
REPORTED=1
echo "smoke: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
