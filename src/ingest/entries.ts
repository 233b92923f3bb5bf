import type { RawDocument } from '../schema/document.js';
import { walkInputs, type InputFailure } from './files.js';

/** One walked input: a file to read (or null at the end), with the walk failures met just before it. */
export interface WalkEntry {
  path: string | null;
  failures: InputFailure[];
}

/** walkInputs, with each failure attached to the entry it came before (so its order survives a pool). */
export function* walkEntries(paths: string[]): Generator<WalkEntry> {
  const failures: InputFailure[] = [];
  for (const path of walkInputs(paths, failures)) yield { path, failures: failures.splice(0) };
  if (failures.length > 0) yield { path: null, failures: failures.splice(0) };
}

/** Reads the walked files in order, with `read`; failures are recorded in the order they happen. */
export function* readEntries(
  entries: Iterable<WalkEntry>,
  read: (path: string) => RawDocument | InputFailure,
  failed: InputFailure[],
): Generator<RawDocument> {
  for (const entry of entries) {
    failed.push(...entry.failures);
    if (entry.path === null) continue;
    const document = read(entry.path);
    if ('input' in document) failed.push(document);
    else yield document;
  }
}
