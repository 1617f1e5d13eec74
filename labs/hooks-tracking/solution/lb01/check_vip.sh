#!/bin/bash
# lb01 is the preferred master: whenever it does not hold the VIP, someone should know.
VIP=10.0.0.3
if ! ip -4 addr show eth0 | grep -q "inet $VIP/"; then
    echo "$(hostname) should hold $VIP but does not ($(date '+%F %T'))" |
        mail -s "keepalived alert: VIP $VIP missing on $(hostname)" root
fi
exit 0
