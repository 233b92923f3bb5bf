import type { CliIo } from './io.js';

/** With DATLEDGER_DEBUG set, what normalize refused is printed to the command's stderr as each document is stored. */
export const debugWarnings = (io: Pick<CliIo, 'stderr'>, env: NodeJS.ProcessEnv = process.env) =>
  env.DATLEDGER_DEBUG ? (warning: string) => void io.stderr.write(`normalize: ${warning}\n`) : undefined;
