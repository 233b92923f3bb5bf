import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../../src/cli/program.js';
import type { Output } from '../../src/cli/io.js';

export const ROOT = join(import.meta.dirname, '..', '..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}
export interface CliOptions {
  input?: string;
  cwd?: string;
  env?: Record<string, string | undefined>;
}

/** A stream that keeps what is written, never a terminal. */
class Captured implements Output {
  text = '';
  readonly isTTY = false;
  write(chunk: string | Uint8Array) {
    this.text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }
}

/**
 * The CLI's `main` from src/, in this process: the same parsing, commands and exit codes as
 * `datledger ARGS` in a shell, without a Node start-up per call, and never a stale dist/. stdin is
 * `input` (a pipe, not a terminal). `env` and `cwd` apply for the call and are restored after it,
 * as is every variable a command sets (--rules sets DATLEDGER_RULES).
 */
export async function datledger(args: string[], options: CliOptions = {}): Promise<CliRun> {
  const stdout = new Captured();
  const stderr = new Captured();
  const stdin = Object.assign(Readable.from(options.input ? [Buffer.from(options.input)] : []), { isTTY: false });
  const savedEnv = { ...process.env };
  const savedCwd = process.cwd();
  try {
    for (const [name, value] of Object.entries({ NO_COLOR: '1', ...options.env })) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    process.chdir(options.cwd ?? ROOT);
    const code = await main(args, { stdout, stderr, stdin });
    return { code, stdout: stdout.text, stderr: stderr.text };
  } finally {
    process.chdir(savedCwd);
    for (const name of Object.keys(process.env)) if (!(name in savedEnv)) delete process.env[name];
    Object.assign(process.env, savedEnv);
  }
}

/**
 * The built executable (bin/datledger.js over dist/) in a child process: only for what needs a real
 * process (the bin entry itself, signals, a crash, a terminal). Everything else uses `datledger`.
 */
export function datledgerProcess(args: string[], options: CliOptions = {}): CliRun {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'datledger.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
