import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { BIN, ROOT } from './review.js';

/**
 * A real pseudo-terminal around a command, so the prompt runs exactly as for a person.
 * `script` (util-linux, in Debian's essential bsdutils) is preferred; python3's pty module is the
 * fallback. Both copy our pipe into the terminal and the terminal's output back to us.
 */
export type PtyTool = 'script' | 'python3';

export function ptyTool(): PtyTool | null {
  // DATLEDGER_TEST_PTY=python3 exercises the fallback on a machine that has both.
  const forced = process.env.DATLEDGER_TEST_PTY;
  if (forced === 'script' || forced === 'python3') return forced;
  if (spawnSync('script', ['-qfec', 'true', '/dev/null'], { stdio: 'ignore' }).status === 0) return 'script';
  if (spawnSync('python3', ['-c', 'import pty'], { stdio: 'ignore' }).status === 0) return 'python3';
  return null;
}

const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;
const PY_SPAWN = 'import os, pty, sys; sys.exit(os.waitstatus_to_exitcode(pty.spawn(sys.argv[1:])))';

/** Colours, cursor moves and carriage returns removed: what a person would read, in order. */
export const plainText = (raw: string) =>
  raw
    .replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '')
    .replace(/\x1b\][^\x07]*\x07/g, '')
    .replace(/\r/g, '');

export class Terminal {
  raw = '';
  private cursor = 0;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly exited: Promise<number | null>;

  constructor(tool: PtyTool, argv: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
    // A fixed size: the prompt wraps lines at the terminal width.
    const command = `stty cols 160 rows 60 2>/dev/null; exec ${argv.map(quote).join(' ')}`;
    this.child =
      tool === 'script'
        ? spawn('script', ['-qfec', command, '/dev/null'], options)
        : spawn('python3', ['-c', PY_SPAWN, 'sh', '-c', command], options);
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.raw += chunk.toString('utf8');
    });
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.raw += chunk.toString('utf8');
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  /** A chunk may end inside an escape sequence; leave that tail out until the rest of it arrives. */
  get screen(): string {
    return plainText(this.raw.replace(/\x1b[^A-Za-z\x07]*$/, ''));
  }

  /** Waits until `expected` appears after the previous match; returns the text up to and including it. */
  async waitFor(expected: string | RegExp, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rest = this.screen.slice(this.cursor);
      const index = typeof expected === 'string' ? rest.indexOf(expected) : rest.search(expected);
      if (index >= 0) {
        const length =
          typeof expected === 'string' ? expected.length : (rest.slice(index).match(expected)?.[0].length ?? 0);
        this.cursor += index + length;
        return rest.slice(0, index + length);
      }
      if (Date.now() > deadline || this.child.exitCode !== null) {
        throw new Error(
          `did not see ${String(expected)}; the terminal shows, after the last match:\n${rest.slice(-3000)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Keys as typed; "\r" is Enter, "\x15" Ctrl-U (clear the line), "\x03" Ctrl-C. */
  type(keys: string) {
    this.child.stdin.write(keys);
  }

  /** One key, no Enter: how the review's key prompt takes an answer. */
  key(key: string) {
    this.type(key);
  }

  /** Text and Enter: how an input prompt takes an answer. */
  press(key: string) {
    this.type(`${key}\r`);
  }

  async exit(timeoutMs = 15_000): Promise<number | null> {
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
      this.child.stdin.end();
    }
  }

  kill() {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

const open: Terminal[] = [];

/**
 * `datledger review --db DB` (the built CLI) in a pseudo-terminal. `colour`: a terminal that says it
 * shows colour, as a person's would; Node's hasColors() also reads CI (2 colours on CI machines) and
 * NODE_DISABLE_COLORS, so every variable that would make the answer depend on where it runs is cleared.
 * Without it, NO_COLOR=1. Close them all with closeTerminals() (afterEach).
 */
export function reviewTerminal(tool: PtyTool, db: string, options: { colour?: boolean } = {}): Terminal {
  const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color', USER: 'pty-tester' };
  if (options.colour)
    for (const name of ['NO_COLOR', 'FORCE_COLOR', 'NODE_DISABLE_COLORS', 'CI', 'TMUX', 'COLORTERM']) delete env[name];
  else env.NO_COLOR = '1';
  const terminal = new Terminal(tool, [process.execPath, BIN, 'review', '--db', db], { cwd: ROOT, env });
  open.push(terminal);
  return terminal;
}

export function closeTerminals() {
  for (const terminal of open.splice(0)) terminal.kill();
}
