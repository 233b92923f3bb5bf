/**
 * Where a command reads and writes: the process's own streams when run from a shell, captured
 * buffers when the tests call `main` in-process. Commands write only here, never to `process.*`.
 */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}
export interface CliIo {
  stdout: Output;
  stderr: Output;
  stdin: AsyncIterable<Buffer | string> & { isTTY?: boolean };
}

export const processIo = (): CliIo => ({ stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
