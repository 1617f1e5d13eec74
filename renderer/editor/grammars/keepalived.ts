// Monarch grammar for keepalived.conf: block names, the common keywords, MASTER/BACKUP-like values,
// addresses, numbers, quoted scripts, and both comment styles (# and !) that keepalived accepts.
import type { languages } from 'monaco-editor/editor/editor.api';

export const keepalivedLanguage: languages.IMonarchLanguage = {
  defaultToken: '',
  tokenPostfix: '.keepalived',
  blocks: [
    'global_defs', 'vrrp_instance', 'vrrp_script', 'vrrp_sync_group', 'track_script', 'track_interface', 'track_process',
    'virtual_ipaddress', 'virtual_ipaddress_excluded', 'virtual_routes', 'virtual_rules', 'authentication', 'unicast_peer',
    'static_ipaddress', 'static_routes', 'notification_email', 'virtual_server', 'virtual_server_group', 'real_server',
    'HTTP_GET', 'SSL_GET', 'TCP_CHECK', 'MISC_CHECK', 'DNS_CHECK', 'url', 'group', 'vrrp_track_process', 'garp_group',
  ],
  directives: [
    'state', 'priority', 'virtual_router_id', 'advert_int', 'nopreempt', 'preempt_delay', 'interface', 'weight', 'interval',
    'fall', 'rise', 'timeout', 'script', 'user', 'init_fail', 'unicast_src_ip', 'mcast_src_ip', 'router_id', 'auth_type',
    'auth_pass', 'notify', 'notify_master', 'notify_backup', 'notify_fault', 'notify_stop', 'smtp_server',
    'smtp_connect_timeout', 'notification_email_from', 'smtp_alert', 'enable_script_security', 'script_user',
    'vrrp_skip_check_adv_addr', 'vrrp_strict', 'vrrp_garp_interval', 'vrrp_gna_interval', 'garp_master_delay',
    'garp_master_refresh', 'dont_track_primary', 'use_vmac', 'vmac_xmit_base', 'version', 'vrrp_version', 'dev', 'label',
    'scope', 'lb_algo', 'lb_kind', 'persistence_timeout', 'protocol', 'delay_loop', 'connect_timeout', 'connect_port',
    'retry', 'nb_get_retry', 'delay_before_retry', 'path', 'digest', 'status_code', 'max_auto_priority', 'enable_traps',
    'lvs_sync_daemon', 'debug', 'include', 'accept', 'no_accept', 'native_ipv6', 'track_src_ip', 'garp_extra_if',
    'vrrp_startup_delay', 'vrrp_higher_prio_send_advert', 'vrrp_lower_prio_no_advert', 'nftables', 'iptables',
  ],
  values: ['MASTER', 'BACKUP', 'FAULT', 'PASS', 'AH', 'NAT', 'DR', 'TUN', 'TCP', 'UDP', 'SCTP', 'rr', 'wrr', 'lc', 'wlc', 'sh', 'dh', 'lblc'],
  brackets: [{ open: '{', close: '}', token: 'delimiter.curly' }],
  tokenizer: {
    root: [
      [/\s+/, 'white'],
      [/[#!].*$/, 'comment'],
      [/[{}]/, '@brackets'],
      [/"([^"\\]|\\.)*"/, 'string'],
      [/"([^"\\]|\\.)*$/, 'string.invalid'],
      [/\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?(?![\w.])/, 'number.ip'],
      [/(?:[0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F]{0,4}(\/\d{1,3})?(?![\w:])/, 'number.ip'],
      [/-?\d+(\.\d+)?(?![\w.])/, 'number'],
      [/[A-Za-z_][\w.-]*/, { cases: { '@blocks': 'keyword.block', '@directives': 'keyword', '@values': 'constant', '@default': 'identifier' } }],
      [/\/[^\s{}#!"]*/, 'string.path'],
      [/[^\s{}#!"]+/, 'identifier'],
    ],
  },
};

export const keepalivedConfiguration: languages.LanguageConfiguration = {
  comments: { lineComment: '#' },
  brackets: [['{', '}']],
  autoClosingPairs: [
    { open: '{', close: '}' },
    { open: '"', close: '"', notIn: ['string', 'comment'] },
  ],
  surroundingPairs: [
    { open: '{', close: '}' },
    { open: '"', close: '"' },
  ],
  folding: { markers: { start: /\{\s*$/, end: /^\s*\}/ } },
};
