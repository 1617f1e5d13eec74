#!/bin/bash
# Called by keepalived on every state change.
#   notify:               INSTANCE VI_1 MASTER 150   (type, name, new state, priority)
#   notify_master etc.:   the word written after the path in keepalived.conf
echo "$(date '+%F %T') $*" >> /var/log/keepalived-notify.log
exit 0
