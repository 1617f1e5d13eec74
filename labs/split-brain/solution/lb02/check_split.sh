#!/bin/bash
# /scripts/check_split.sh on lb02 (the backup): split-brain detector, run by cron every minute.
# Ping the master and look at the VIP; alert by mail and stop keepalived here: if the master still answers ping
# and I hold the VIP anyway, the two nodes no longer hear each other's VRRP adverts.

vip=10.0.0.3
master_ip=10.0.0.5

if ping -c 2 -W 1 "$master_ip" >/dev/null 2>&1; then
    # "inet 10.0.0.3/" so that 10.0.0.30 or 10.0.0.31 would not count as the VIP
    if ip -4 addr show eth0 | grep -q "inet $vip/"; then
        echo "$(hostname) holds $vip although the master $master_ip answers ping: split-brain. Stopping keepalived on $(hostname)." \
            | mail -s "keepalived split-brain on $(hostname)" root
        systemctl stop keepalived
    fi
fi
