# System-wide .bashrc for interactive bash shells in an HA Lab node.
# Debian's own settings, then the lab's additions in /etc/halab/bashrc.d/*.sh
# (prompt in the tutorials' CentOS style, `echo 1 > /proc/sys/net/...` support).

# If not running interactively, don't do anything
[ -z "${PS1-}" ] && return

# check the window size after each command and, if necessary,
# update the values of LINES and COLUMNS.
shopt -s checkwinsize

for __halab_rc in /etc/halab/bashrc.d/*.sh; do
    [ -r "$__halab_rc" ] && . "$__halab_rc"
done
unset __halab_rc
