// The Electron security scan: Doyensec's electronegativity over electron/ and renderer/ (plus package.json for
// its npm-script checks). Writes test-artifacts/electronegativity.sarif, prints the findings per severity and
// per check, and exits non-zero when a HIGH finding is not in scripts/electronegativity-accepted.json, when the
// tool fails or cannot parse a file, when it scans nothing, or when it misses the insecure canary below.
//
// How the scan is set up, and why:
// - The tool reads .js/.ts/.tsx/.html only, so the sources are copied to a temporary folder where .cts/.mts
//   become .ts (the preload is a .cts); findings are reported against the original paths.
// - Its checks read literals at the `new BrowserWindow(...)` site only, and main.ts passes the result of
//   mainWindowOptions() from electron/shell/windowOptions.ts. So the real options, and the real CSP header of
//   electron/host/staticFiles.ts, are imported and written out as literals in one generated file; the checks
//   run on the values the app uses, and findings there are reported against the source that defines them.
// - A canary file with an insecure window (nodeIntegration on, contextIsolation off) is scanned too: unless
//   the tool flags both options on their own lines (contextIsolation HIGH), the scan proves nothing and this
//   script fails. The canary's findings are not reported.
// - The tool has blind spots the unit test covers (test/unit/electronShell.test.ts asserts every window
//   option): it rates an explicit nodeIntegration: true as informational only, and misses it entirely next to
//   sandbox: false; it rates sandbox: false and webSecurity: false MEDIUM, below this gate.
// - No network: the tool downloads translations and Electron's release list with `got`; both are answered
//   by an offline stub. The check that needs the release list (AvailableSecurityFixesGlobalCheck) is off:
//   Electron's version is kept current through package.json, not by this scan.
// - Inline `eng-disable` comments are refused: an accepted finding belongs in the JSON file with its reason.
import Module, { createRequire } from 'node:module';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, sep } from 'node:path';
import { tsImport } from 'tsx/esm/api';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const SCANNED_DIRS = ['electron', 'renderer'];
const SOURCE_EXT = { '.ts': '.ts', '.tsx': '.tsx', '.cts': '.ts', '.mts': '.ts', '.js': '.js', '.mjs': '.js', '.cjs': '.js', '.html': '.html' };
const MATERIALIZED = '_materialized/appValues.ts';
const CANARY = '_canary/insecureWindow.ts';
const REPORT = join(root, 'test-artifacts', 'electronegativity.sarif');
const ACCEPTED_FILE = join(root, 'scripts', 'electronegativity-accepted.json');

const toPosix = (p) => p.split(sep).join('/');

/** Answers every request of the tool's HTTP client with a failure, so the scan never leaves the machine. */
function stubNetwork(toolDir) {
  const offline = () => Promise.reject(new Error('electronegativity scan: network access is disabled'));
  offline.head = offline;
  for (const from of ['dist/locales/i18n.js', 'dist/finder/checks/GlobalChecks/AvailableSecurityFixesGlobalCheck.js']) {
    const gotPath = createRequire(join(toolDir, from)).resolve('got');
    const stub = new Module(gotPath);
    stub.filename = gotPath;
    stub.loaded = true;
    stub.exports = offline;
    require.cache[gotPath] = stub;
  }
}

/** Copies the scanned sources into `stage`; returns staged path -> original repository path. */
function stageSources(stage) {
  const origin = new Map();
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const rel = join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile() && SOURCE_EXT[extname(entry.name)]) {
        const staged = join(stage, rel.slice(0, -extname(rel).length) + SOURCE_EXT[extname(rel)]);
        if (origin.has(staged)) throw new Error(`two sources map to ${staged}`);
        mkdirSync(dirname(staged), { recursive: true });
        copyFileSync(join(root, rel), staged);
        origin.set(staged, toPosix(rel));
      }
    }
  };
  for (const dir of SCANNED_DIRS) walk(dir);
  copyFileSync(join(root, 'package.json'), join(stage, 'package.json'));
  origin.set(join(stage, 'package.json'), 'package.json');
  return origin;
}

/** The window options and the CSP header as the app computes them, written as literals the checks can read. */
async function writeMaterialized(stage, origin) {
  const { mainWindowOptions } = await tsImport('../electron/shell/windowOptions.ts', import.meta.url);
  const { CONTENT_SECURITY_POLICY } = await tsImport('../electron/host/staticFiles.ts', import.meta.url);
  const options = JSON.stringify(mainWindowOptions('/app/dist/electron/preload.cjs', { devTools: false }), null, 2);
  const text = [
    '// Generated for the scan: the values electron/main.ts and the app:// handler use, as literals.',
    "import { BrowserWindow, session } from 'electron';",
    `export const mainWindow = new BrowserWindow(${options});`,
    'session.defaultSession.webRequest.onHeadersReceived((_details, callback) => {',
    `  callback({ responseHeaders: { 'Content-Security-Policy': [${JSON.stringify(CONTENT_SECURITY_POLICY)}] } });`,
    '});',
    '',
  ].join('\n');
  const staged = join(stage, MATERIALIZED);
  mkdirSync(dirname(staged), { recursive: true });
  writeFileSync(staged, text);
  origin.set(staged, MATERIALIZED);
  return { staged, locate: sourceLocator(text.split('\n')) };
}

/** Where a finding in the generated file comes from: the line of the same option (or the defining export). */
function sourceLocator(generatedLines) {
  const read = (file) => readFileSync(join(root, file), 'utf8').split('\n');
  const windowFile = 'electron/shell/windowOptions.ts';
  const cspFile = 'electron/host/staticFiles.ts';
  const windowLines = read(windowFile);
  const cspLines = read(cspFile);
  const at = (file, lines, index) => ({ file, line: index + 1, sample: (lines[index] ?? '').trim() });
  const windowStart = windowLines.findIndex((l) => l.startsWith('export function mainWindowOptions'));
  const cspStart = cspLines.findIndex((l) => l.startsWith('export const CONTENT_SECURITY_POLICY'));
  if (windowStart < 0 || cspStart < 0) throw new Error(`cannot find mainWindowOptions in ${windowFile} or CONTENT_SECURITY_POLICY in ${cspFile}`);
  return (line) => {
    const generated = generatedLines[line - 1] ?? '';
    if (generated.includes('Content-Security-Policy')) return at(cspFile, cspLines, cspStart);
    const key = /^\s*"(\w+)":/.exec(generated)?.[1];
    const keyIndex = key ? windowLines.findIndex((l, i) => i > windowStart && new RegExp(`^\\s*${key}\\b`).test(l)) : -1;
    return at(windowFile, windowLines, keyIndex >= 0 ? keyIndex : windowStart);
  };
}

function writeCanary(stage) {
  const staged = join(stage, CANARY);
  mkdirSync(dirname(staged), { recursive: true });
  writeFileSync(
    staged,
    [
      "import { BrowserWindow } from 'electron';",
      'export type Options = ConstructorParameters<typeof BrowserWindow>[0]; // TypeScript only: the TS parser must run',
      'export const canary = new BrowserWindow({',
      '  webPreferences: {',
      '    nodeIntegration: true,',
      '    contextIsolation: false,',
      '  },',
      '});',
      '',
    ].join('\n'),
  );
  return staged;
}

/** Runs `task` without the tool's note that its (stubbed) translation download failed; all else is printed. */
async function quietly(task) {
  const log = console.log;
  console.log = (...args) => {
    if (!String(args[0]).startsWith('Could not retrieve updated translations')) log(...args);
  };
  try {
    return await task();
  } finally {
    console.log = log;
  }
}

function findInlineDisables(origin) {
  return [...origin.entries()].filter(([staged]) => /eng-disable/.test(readFileSync(staged, 'utf8'))).map(([, original]) => original);
}

function loadAccepted() {
  const list = JSON.parse(readFileSync(ACCEPTED_FILE, 'utf8'));
  for (const a of list) {
    if (!a.file || !a.check || !a.sample || !a.reason) throw new Error(`${ACCEPTED_FILE}: every entry needs file, check, sample and reason`);
  }
  return list.map((a) => ({ ...a, used: 0 }));
}

function sarif(findings, toolVersion) {
  const rules = [...new Set(findings.map((f) => f.check))].map((id) => ({ id, helpUri: `https://github.com/doyensec/electronegativity/wiki/${id}` }));
  const results = findings.map((f) => ({
    ruleId: f.check,
    level: f.severity === 'HIGH' ? 'error' : f.severity === 'MEDIUM' ? 'warning' : 'note',
    message: { text: `${f.severity} (${f.confidence}): ${f.description}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: f.file }, region: { startLine: Math.max(1, f.line), startColumn: f.column + 1 } } }],
    ...(f.accepted ? { suppressions: [{ kind: 'external', justification: f.accepted }] } : {}),
  }));
  return { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [{ tool: { driver: { name: 'electronegativity', version: toolVersion, rules } }, results }] };
}

async function main() {
  const toolDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
  const toolVersion = JSON.parse(readFileSync(join(toolDir, 'package.json'), 'utf8')).version;
  const electronVersion = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')).packages['node_modules/electron']?.version;
  if (!electronVersion) throw new Error('package-lock.json names no electron version');
  stubNetwork(toolDir);
  process.env.LANG = 'en-US'; // the tool's bundled messages; any other locale would be downloaded
  const tool = require('@doyensec/electronegativity');
  const scan = typeof tool === 'function' ? tool : tool.default;

  const stage = mkdtempSync(join(tmpdir(), 'halab-electronegativity-'));
  try {
    const origin = stageSources(stage);
    const sourceCount = origin.size;
    const materialized = await writeMaterialized(stage, origin);
    const canary = writeCanary(stage);
    const disabled = findInlineDisables(origin);

    process.stdout.write(`electronegativity ${toolVersion}: ${sourceCount} files of ${SCANNED_DIRS.join('/, ')}/ and package.json, Electron ${electronVersion}, network off\n`);
    const result = await quietly(() =>
      scan({
        input: stage,
        electronVersionOverride: electronVersion,
        isRelative: true,
        excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
      }),
    );

    const problems = [];
    if (sourceCount === 0 || result.atomicChecks === 0) problems.push(`nothing scanned (${sourceCount} files, ${result.atomicChecks} checks)`);
    for (const e of result.errors.filter((err) => !err.tolerable)) problems.push(`could not parse ${origin.get(e.file) ?? e.file}: ${e.message}`);
    for (const file of disabled) problems.push(`${file} has an eng-disable comment; list the finding in scripts/electronegativity-accepted.json with a reason instead`);

    const canaryRel = relative(stage, canary);
    // Each flag must point at the canary's own line for that option: the tool read the values, not only the
    // call. (It rates an explicit nodeIntegration: true as informational; its HIGH is for a missing one.)
    const canaryIssues = result.issues.filter((i) => i.file === canaryRel);
    const expected = [
      ['CONTEXT_ISOLATION_JS_CHECK', 'HIGH', 6],
      ['NODE_INTEGRATION_JS_CHECK', 'INFORMATIONAL', 5],
    ];
    for (const [id, severity, line] of expected) {
      if (!canaryIssues.some((i) => i.id === id && i.severity.name === severity && i.location.line === line))
        problems.push(`the canary's insecure window was not flagged ${id} ${severity} on its line ${line}: the scan is not working`);
    }

    const accepted = loadAccepted();
    const findings = result.issues
      .filter((i) => i.file !== canaryRel)
      .map((i) => {
        const staged = join(stage, i.file);
        const source =
          staged === materialized.staged
            ? materialized.locate(i.location.line)
            : { file: i.file === 'N/A' ? 'N/A' : (origin.get(staged) ?? toPosix(i.file)), line: i.location.line, sample: (i.sample ?? '').trim() };
        const { file, line, sample } = source;
        const match = accepted.find((a) => a.file === file && a.check === i.id && a.sample === sample);
        if (match) match.used += 1;
        return {
          check: i.id,
          severity: i.severity.name,
          confidence: i.confidence.name,
          file,
          line,
          column: staged === materialized.staged ? 0 : i.location.column,
          sample,
          description: i.description,
          accepted: match?.reason,
        };
      });
    const stale = accepted.filter((a) => a.used === 0);

    mkdirSync(dirname(REPORT), { recursive: true });
    writeFileSync(REPORT, `${JSON.stringify(sarif(findings, toolVersion), null, 2)}\n`);

    const count = (key) =>
      Object.entries(findings.reduce((acc, f) => ({ ...acc, [f[key]]: (acc[f[key]] ?? 0) + 1 }), {}))
        .map(([k, n]) => `${k} ${n}`)
        .join(', ') || 'none';
    process.stdout.write(`findings per severity: ${count('severity')}\nfindings per check: ${count('check')}\n`);
    for (const f of findings) {
      process.stdout.write(`  ${f.accepted ? 'accepted' : 'open    '} ${f.severity.padEnd(13)} ${f.check} ${f.file}:${f.line}:${f.column} ${f.sample}\n`);
    }
    const openHigh = findings.filter((f) => f.severity === 'HIGH' && !f.accepted);
    for (const f of openHigh) problems.push(`HIGH ${f.check} at ${f.file}:${f.line}: ${f.description}`);
    for (const a of stale) process.stdout.write(`  note: no longer reported, remove from ${relative(root, ACCEPTED_FILE)}: ${a.file} ${a.check} "${a.sample}"\n`);
    process.stdout.write(`report: ${relative(root, REPORT)} (accepted findings carry their reason from ${relative(root, ACCEPTED_FILE)})\n`);
    if (problems.length > 0) {
      process.stdout.write(`\nelectronegativity gate FAILED:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
      return 1;
    }
    process.stdout.write('electronegativity gate passed: no open HIGH finding\n');
    return 0;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`electronegativity scan failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
