// The files backend's pure parts: which validator a path gets, validator output (real keepalived -t and
// nginx -t text) mapped to markers of the edited file, text/binary detection, the learner copy's place.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { parseKeepalivedErrors, parseNginxErrors } from '../../electron/probes/configCheck.js';
import { problemsToMarkers, validatorFor } from '../../electron/files/validateFile.js';
import { decodeText } from '../../electron/files/nodeFile.js';
import { learnerCopyPath, learnerFilesDir } from '../../electron/files/learnerCopy.js';

const KA = '/etc/keepalived/keepalived.conf';

describe('validator choice', () => {
  it('validates keepalived .conf files and anything under /etc/nginx/', () => {
    expect(validatorFor(KA)).toBe('keepalived');
    expect(validatorFor('/etc/keepalived/extra.conf')).toBe('keepalived');
    expect(validatorFor('/etc/keepalived/check_nginx.sh')).toBeUndefined();
    expect(validatorFor('/etc/nginx/conf.d/lb.conf')).toBe('nginx');
    expect(validatorFor('/etc/nginx/sites-available/default')).toBe('nginx');
    expect(validatorFor('/var/www/html/index.html')).toBeUndefined();
  });
});

describe('markers from validator output', () => {
  it('keepalived -t: errors and warnings on their lines', () => {
    // Captured from keepalived 2.2.7 in the lab image.
    const out = [
      `(${KA}: Line 6) WARNING - interface eth9 for vrrp_instance VI_1 doesn't exist`,
      `(${KA}: Line 8) Unknown keyword 'priorty'`,
      'Non-existent interface specified in configuration',
    ].join('\n');
    expect(problemsToMarkers(parseKeepalivedErrors(out, KA), KA)).toEqual([
      { line: 6, message: "WARNING - interface eth9 for vrrp_instance VI_1 doesn't exist", severity: 'warning' },
      { line: 8, message: "Unknown keyword 'priorty'", severity: 'error' },
    ]);
  });

  it('keepalived: a problem in an included file is shown at line 0 naming that file', () => {
    const out = "(/etc/keepalived/scripts.conf: Line 3) Unknown keyword 'intervl'";
    expect(problemsToMarkers(parseKeepalivedErrors(out, KA), KA)).toEqual([{ line: 0, message: "/etc/keepalived/scripts.conf:3: Unknown keyword 'intervl'", severity: 'error' }]);
  });

  it('nginx -t: this file on its line, another file at line 0, bind() failures at line 0', () => {
    const file = '/etc/nginx/conf.d/lb.conf';
    const typo = '2026/11/21 22:44:22 [emerg] 58#58: unknown directive "locaton" in /etc/nginx/conf.d/lb.conf:3\nnginx: configuration file /etc/nginx/nginx.conf test failed';
    expect(problemsToMarkers(parseNginxErrors(typo), file)).toEqual([{ line: 3, message: 'unknown directive "locaton"', severity: 'error' }]);
    expect(problemsToMarkers(parseNginxErrors(typo), '/etc/nginx/sites-available/default')).toEqual([
      { line: 0, message: '/etc/nginx/conf.d/lb.conf:3: unknown directive "locaton"', severity: 'error' },
    ]);
    const bind = 'nginx: [emerg] bind() to 10.0.0.3:80 failed (99: Cannot assign requested address)\nnginx: configuration file /etc/nginx/nginx.conf test failed';
    expect(problemsToMarkers(parseNginxErrors(bind), file)).toEqual([{ line: 0, message: 'bind() to 10.0.0.3:80 failed (99: Cannot assign requested address)', severity: 'error' }]);
  });

  it('nginx names a file by the link it was included through: an alias counts as this file', () => {
    const out = '2026/11/21 22:44:22 [emerg] 61#61: unexpected "}" in /etc/nginx/sites-enabled/default:5';
    const file = '/etc/nginx/sites-available/default';
    const aliases = new Set([file, '/etc/nginx/sites-enabled/default']);
    expect(problemsToMarkers(parseNginxErrors(out), file, (f) => aliases.has(f))).toEqual([{ line: 5, message: 'unexpected "}"', severity: 'error' }]);
  });
});

describe('text detection', () => {
  it('accepts UTF-8 text with Chinese and refuses NUL bytes and invalid UTF-8', () => {
    expect(decodeText(Buffer.from('# 主节点\npriority 150\n'))).toBe('# 主节点\npriority 150\n');
    expect(decodeText(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x00]))).toBeUndefined();
    expect(decodeText(Buffer.from([0x61, 0xff, 0xfe, 0x62]))).toBeUndefined();
    expect(decodeText(new Uint8Array())).toBe('');
  });
});

describe('learner copy location', () => {
  it('lives under $HALAB_HOME/files/<lab>/<node>/<path> and refuses escapes', () => {
    const before = process.env.HALAB_HOME;
    process.env.HALAB_HOME = '/tmp/halab-home-unit';
    try {
      expect(learnerFilesDir('vrrp-pair')).toBe('/tmp/halab-home-unit/files/vrrp-pair');
      expect(learnerCopyPath('vrrp-pair', 'lb01', KA)).toBe(join('/tmp/halab-home-unit/files/vrrp-pair/lb01', KA));
      expect(() => learnerCopyPath('vrrp-pair', 'lb01', '/etc/../../../x')).toThrow(/not an absolute path/);
      expect(() => learnerCopyPath('vrrp-pair', 'lb01', 'etc/x')).toThrow(/not an absolute path/);
      expect(() => learnerCopyPath('vrrp-pair', '../lb01', KA)).toThrow(/not a node name/);
      expect(() => learnerFilesDir('../x')).toThrow(/not a lab name/);
    } finally {
      if (before === undefined) delete process.env.HALAB_HOME;
      else process.env.HALAB_HOME = before;
    }
  });
});
