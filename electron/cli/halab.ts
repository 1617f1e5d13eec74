#!/usr/bin/env node
// halab: the command line of HA Lab, a thin front end over the core (electron/core/). Readable output for
// people, --json for machines; exit 0 on success, 1 when checks or a self-test fail, 2 on a usage error,
// 3 on any other problem.
import { PackError, UserError, errorMessage } from '../util/errors.js';
import { red } from './format.js';
import { createCli, need, parseCommandLine, UsageError, type Cli, type CliOptions } from './context.js';
import { cmdDown, cmdLabs, cmdShell, cmdStatus, cmdSteps, cmdUp } from './labCommands.js';
import { cmdCheck, cmdFault, cmdMail, cmdReport, cmdSolve } from './gradeCommands.js';
import { cmdDoctor, cmdImage, cmdPack, cmdTestPack } from './packCommands.js';
import { parsePort, serveCommand } from './serveCommand.js';
import { cmdProtocol } from './protocolCommand.js';
import { cmdClassroom } from './classroomCommand.js';
import { cmdClassLinks } from './classLinksCommand.js';
import { cmdExec } from './execCommand.js';
import { cmdPackDev } from './packDevCommand.js';

const USAGE = `Usage: halab <command> [options]

  labs                         list the lab packs and your progress
  up <lab> [--instance NAME] [--from-step N]
                               start a lab's network and nodes (builds the image on first use);
                               --from-step N applies the solutions of steps 1..N-1 (marked solved)
  status                       running labs and their nodes
  shell <lab> <node>           open a shell in a node
  exec <lab> <node> [--timeout S] -- <command...>
                               run one command in a node: its output, and its exit code as halab's
                               (time limit 60 s by default, at most 3600)
  steps <lab> [--step N]       show the instructions of the current step (or step N)
  check <lab> [--step N|--all] grade the current step (or step N, or every step)
  solve <lab> [--step N]       apply the reference solution up to step N (default: all)
  fault <lab> <fault> <node> [--service S]
                               stop_service|start_service (--service keepalived|nginx|cron),
                               kill_node|start_node, block_vrrp|restore_network
  mail <lab>                   the alert mail the lab's nodes received
  protocol <lab> [--follow]    the VRRP adverts and ARP the lab network carried (--follow: live)
  report [--format html|json] [--out FILE|-]
                               your progress as a file to hand in (default: html)
  test-pack <lab-or-dir> [--verbose]
                               self-test a pack: every check must fail before and pass after its solution
                               (--verbose: every check's reading in each phase)
  pack new <dir> [--id ID]     scaffold a new pack that passes lint and the self-test
  pack lint <dir>              schema, files, both languages, checks and solutions of a pack
  pack export <dir> <zip>      share a pack as a zip
  pack import <zip>            add a pack from a zip (to $HALAB_HOME/packs)
  pack dev <dir> [--port N] [--lang en|zh-CN] [--no-open]
                               preview a pack in the browser as a learner sees it; every save reloads
                               it with its lint findings; run a step's checks or the self-test there
  down <lab> | --all           remove a lab (or every lab) with everything it created
  image build [--offline] [--if-missing]  build the lab node image
  doctor                       check Docker, the image and kernel features
  serve [--port N] [--no-open] the app in your browser, on 127.0.0.1 (--port 0 picks a free port)
  classroom --roster FILE|--learners N --labs A,B [--name N] [--bind ADDR [--url-host NAME]
            [--cert F --key F]] [--port N] [--engines FILE]
                               serve a class: a personal link per learner, the instructor's dashboard;
                               a later start reopens the class (--name, default "class"); a wildcard
                               --bind (0.0.0.0, ::) needs --url-host, the name learners type;
                               --engines: a JSON file of Docker engines to spread the labs over
  classroom links [--name N|--dir D] [--reissue ID,...|all] [--instructor]
                               write the learners' links.csv again (new links for learners never given
                               one; --reissue revokes and replaces; --instructor prints a fresh
                               instructor link); a running server ends revoked links' pages within 1 s

Options: --json (machine-readable output), --lang en|zh-CN, -h/--help`;

function run(cli: Cli, positionals: string[], rest: string[] | undefined): Promise<number> {
  const [cmd, a, b, c] = positionals;
  switch (cmd) {
    case 'labs':
      return cmdLabs(cli);
    case 'up':
      return cmdUp(cli, need(a, 'a lab name or pack folder'));
    case 'status':
      return cmdStatus(cli);
    case 'check':
      return cmdCheck(cli, need(a, 'a running lab'));
    case 'solve':
      return cmdSolve(cli, need(a, 'a running lab'));
    case 'fault':
      return cmdFault(cli, need(a, 'a running lab'), need(b, 'a fault'), need(c, 'a node name'));
    case 'mail':
      return cmdMail(cli, need(a, 'a running lab'));
    case 'protocol':
      return cmdProtocol(cli, need(a, 'a running lab'));
    case 'report':
      return cmdReport(cli);
    case 'test-pack':
      return cmdTestPack(cli, need(a, 'a lab name or pack folder'));
    case 'down':
      return cmdDown(cli, a);
    case 'shell':
      return cmdShell(need(a, 'a running lab'), need(b, 'a node name'));
    case 'exec': {
      // The lab and node come before `--`; the command after it is never read as halab's own arguments.
      const own = positionals.length - (rest?.length ?? 0);
      if (own > 3) throw new UsageError(`unexpected "${positionals[3] ?? ''}": put the command after --`);
      return cmdExec(cli, need(own > 1 ? a : undefined, 'a running lab'), need(own > 2 ? b : undefined, 'a node name'), rest);
    }
    case 'doctor':
      return cmdDoctor(cli);
    case 'steps':
      return cmdSteps(cli, need(a, 'a lab'));
    case 'pack':
      return a === 'dev' ? cmdPackDev(cli, b) : cmdPack(cli, a, b, c);
    case 'image':
      return cmdImage(cli, a);
    case 'classroom':
      return a === 'links' ? cmdClassLinks(cli) : cmdClassroom(cli, a);
    case 'serve':
      return serveCommand({ port: parsePort(cli.opts.port), open: !cli.opts['no-open'] });
    default:
      throw new UsageError(`unknown command "${cmd ?? ''}"`);
  }
}

function fail(err: unknown, opts: CliOptions): number {
  if (err instanceof UsageError) {
    process.stderr.write(`halab: ${err.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (err instanceof UserError) {
    if (opts.json) process.stdout.write(`${JSON.stringify({ error: err.message, code: err.code, fix: err.fix, problems: err instanceof PackError ? err.problems : undefined })}\n`);
    process.stderr.write(`${red('halab:')} ${err.message}\n${err.fix ? `  ${err.fix}\n` : ''}`);
    return 3;
  }
  process.stderr.write(`${red('halab: unexpected error:')} ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return 3;
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${errorMessage(err)}\n\n${USAGE}\n`);
    return 2;
  }
  const { values: opts, positionals, rest } = parsed;
  if (opts.help || !positionals[0]) {
    process.stdout.write(`${USAGE}\n`);
    return positionals[0] || opts.help ? 0 : 2;
  }
  try {
    return await run(createCli(opts), positionals, rest);
  } catch (err) {
    return fail(err, opts);
  }
}

void main().then((code) => {
  process.exitCode = code;
});
