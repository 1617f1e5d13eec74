# Make the tutorials' `echo 1 > /proc/sys/net/ipv4/ip_nonlocal_bind` work in a lab node.
#
# Why: /proc/sys is read-only in a node, so that redirection fails with "Read-only file
# system". net.* keys can be set through the node's sysctl sidecar (see /usr/local/sbin/sysctl).
# A DEBUG trap runs before every command of an interactive shell; with extdebug, a trap that
# returns 1 makes bash skip the command. So when the command about to run is exactly
#     echo [-n] VALUE >[>] /proc/sys/net/PATH      (VALUE bare, "quoted" or 'quoted')
# we set net.PATH=VALUE with `sysctl -q -w` and skip the echo; any other command runs as typed.
# Only interactive shells read this file: in a script the redirection still fails.
shopt -s extdebug
__halab_procsys_re='^[[:space:]]*echo[[:space:]]+(-n[[:space:]]+)?("([^"$`\\]*)"|'"'"'([^'"'"']*)'"'"'|([^[:space:]"'"'"'$`\\;&|<>]+))[[:space:]]*>>?[[:space:]]*(/proc/sys/net/[A-Za-z0-9_./-]+)[[:space:]]*$'
__halab_procsys_trap() {
    case $BASH_COMMAND in
        *'/proc/sys/net/'*) ;;
        *) return 0 ;;
    esac
    [[ $BASH_COMMAND =~ $__halab_procsys_re ]] || return 0
    local val="${BASH_REMATCH[3]}${BASH_REMATCH[4]}${BASH_REMATCH[5]}" key=${BASH_REMATCH[6]#/proc/sys/}
    key=${key//\//.}
    if ! /usr/local/sbin/sysctl -q -w "$key=$val"; then
        echo "bash: ${BASH_REMATCH[6]}: not written (see the message above)" >&2
    fi
    return 1
}
trap '__halab_procsys_trap' DEBUG
