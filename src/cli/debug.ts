/** With DATLEDGER_DEBUG set, what normalize refused is printed to stderr as each document is stored. */
export const debugWarnings = (env: NodeJS.ProcessEnv = process.env) =>
  env.DATLEDGER_DEBUG ? (warning: string) => void process.stderr.write(`normalize: ${warning}\n`) : undefined;
