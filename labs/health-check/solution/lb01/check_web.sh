#!/bin/bash
# /scripts/check_web.sh on lb01: the "restart nginx, or resign" check.
# keepalived runs it every 5 s (vrrp_script check_web). If nothing listens on port 80,
# try to start nginx; if nginx refuses to start, stop keepalived so lb02 takes the VIP.

if ! netstat -lnt | grep -q ':80 '; then
    systemctl start nginx &>/dev/null
    rc=$?
    sleep 3
    if [ $rc -ne 0 ]; then
        systemctl stop keepalived
    fi
fi
