/**
 * Shared pieces of the robustness suite: temporary folders, running the built CLI, and generated
 * articles. Every fixture is made here, at test time; nothing is read from the repository's data.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { datledger } from '../helpers/cli.js';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(REPO, 'bin', 'datledger.js');

/** Root reads a chmod 000 file, so the permission case cannot be shown there. */
export const isRoot = process.getuid?.() === 0;

/** A fresh folder under the system temp folder; removed by cleanupTempDirs (call it in afterAll). */
const made: string[] = [];
export function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `datledger-${label}-`));
  made.push(dir);
  return dir;
}
export function cleanupTempDirs() {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function requireBuild() {
  if (!existsSync(join(REPO, 'dist', 'cli', 'main.js')))
    throw new Error('dist/ is missing: run `npm run build` before the robustness suite (npm test does it)');
}

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `datledger ...args` in this process (test/helpers/cli.ts): for every run that needs no process of its own. */
export async function cli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  const { code, stdout, stderr } = await datledger(args, options);
  return { status: code, signal: null, stdout, stderr };
}

/** Runs `node bin/datledger.js ...args` to the end: only where a real process is the point (another user, a signal). */
export function runCli(
  args: string[],
  options: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** Starts `node bin/datledger.js ...args` and returns the process and a promise of its end. */
export function startCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<CliResult>((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (status, signal) => resolvePromise({ status, signal, stdout, stderr }));
  });
  return { child, done };
}

/**
 * Waits (polling the database, not a clock) until `child`'s ingest has committed its first batch,
 * or it ended: the moment a crash or Ctrl-C test stops it, part-way.
 */
export async function untilFirstBatch(child: ChildProcess, db: string): Promise<void> {
  while (child.exitCode === null && child.signalCode === null) {
    let stored = 0;
    try {
      stored = withDb(
        db,
        (database) => (database.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n,
      );
    } catch {
      // Not created yet, or its schema not yet written.
    }
    if (stored > 0) return;
    await sleep(5);
  }
}

/** The "failed inputs: N" count of an ingest summary. */
export function failedCount(stdout: string): number {
  const match = /failed inputs: (\d+)/.exec(stdout);
  if (!match) throw new Error(`no summary in output:\n${stdout}`);
  return Number(match[1]);
}

/** Opens a database read-only, runs the callback, closes it. */
export function withDb<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    return read(db);
  } finally {
    db.close();
  }
}

export function tableCounts(path: string) {
  return withDb(
    path,
    (db) =>
      db
        .prepare(
          `SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM mentions) AS mentions,
    (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM event_mentions) AS links`,
        )
        .get() as { documents: number; mentions: number; events: number; links: number },
  );
}

/** A small deterministic generator, so a failing case can be regenerated. */
export function seeded(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  return {
    next,
    int: (below: number) => Math.floor(next() * below),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
  };
}

/** Companies the default rulebook knows, with the coin each is known for. */
export const COMPANIES = [
  ['Strategy', 'BTC'],
  ['MARA Holdings', 'BTC'],
  ['Riot Platforms', 'BTC'],
  ['CleanSpark', 'BTC'],
  ['Cango', 'BTC'],
  ['Empery Digital', 'BTC'],
  ['Metaplanet', 'BTC'],
  ['Semler Scientific', 'BTC'],
  ['Hut 8', 'BTC'],
  ['Bitfarms', 'BTC'],
  ['Cipher Mining', 'BTC'],
  ['TeraWulf', 'BTC'],
  ['GameStop', 'BTC'],
  ['Twenty One Capital', 'BTC'],
  ['KindlyMD', 'BTC'],
  ['Bitmine Immersion Technologies', 'ETH'],
  ['SharpLink Gaming', 'ETH'],
  ['The Ether Machine', 'ETH'],
  ['Bit Digital', 'ETH'],
  ['BTCS', 'ETH'],
  ['ETHZilla', 'ETH'],
  ['FG Nexus', 'ETH'],
  ['Upexi', 'SOL'],
  ['DeFi Development', 'SOL'],
  ['Forward Industries', 'SOL'],
] as const;

const FILLER = [
  'Analysts',
  'Traders',
  'Observers',
  'Bankers',
  'Economists',
  'Investors',
  'Lenders',
  'Miners',
  'Regulators',
  'Fund managers',
];
const VERBS = [
  'watched',
  'debated',
  'questioned',
  'noted',
  'discussed',
  'weighed',
  'tracked',
  'studied',
  'followed',
  'considered',
];
const TOPICS = [
  'hashprice',
  'power costs',
  'the funding rate',
  'treasury policy',
  'the options market',
  'the network difficulty',
  'exchange reserves',
  'the ETF flows',
  'margin calls',
  'the basis trade',
];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

/**
 * One short news item: a company buys or sells coins. `companies` picks which companies appear
 * (an index range into COMPANIES), so a test can decide which blocks a part of a corpus touches.
 */
export function newsItem(index: number, companies: readonly (typeof COMPANIES)[number][] = COMPANIES): string {
  const random = seeded(index * 7919 + 17);
  const [company, asset] = companies[index % companies.length];
  const action = random.next() < 0.6 ? 'bought' : 'sold';
  const quantity = (100 + random.int(9000)).toLocaleString('en-US');
  const million = 5 + random.int(400);
  const holding = (20_000 + random.int(50_000)).toLocaleString('en-US');
  const day = 1 + (index % 27);
  const lines = [
    `${company} ${action === 'bought' ? 'adds' : 'trims'} ${asset} holdings in desk note ${index}`,
    `Published: 2026-02-${String(day).padStart(2, '0')}`,
    '',
    `${company} said on ${random.pick(WEEKDAYS)} that it ${action} ${quantity} ${asset} for about $${million} million, leaving it with ${holding} ${asset}.`,
  ];
  // Unique filler, so no two items look like reprints of each other.
  for (let sentence = 0; sentence < 6; sentence++)
    lines.push(
      `${random.pick(FILLER)} ${random.pick(VERBS)} ${random.pick(TOPICS)} in note ${index}-${sentence}, citing figure ${random.int(100_000)}.`,
    );
  return `${lines.join('\n')}\n`;
}

/** Writes `count` news items into `dir` as 0000.txt, 0001.txt, ... and returns the folder. */
export function writeCorpus(
  dir: string,
  count: number,
  itemFor: (index: number) => string = (index) => newsItem(index),
): string {
  mkdirSync(dir, { recursive: true });
  for (let index = 0; index < count; index++)
    writeFileSync(join(dir, `${String(index).padStart(4, '0')}.txt`), itemFor(index));
  return dir;
}

export const sleep = (ms: number) => new Promise((resolvePromise) => setTimeout(resolvePromise, ms));
