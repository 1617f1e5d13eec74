#!/bin/bash
# /scripts/web_alive.sh: does nginx on this node answer HTTP?
# Exit 0 when it does, non-zero when it does not. It changes nothing:
# keepalived turns the result into a priority (vrrp_script chk_web, weight 2).
curl -s -o /dev/null -m 1 http://127.0.0.1/
