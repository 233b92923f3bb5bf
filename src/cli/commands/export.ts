import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EXIT, UsageError, withRepository } from '../common.js';
import type { CliIo } from '../io.js';

export interface ExportOptions {
  db?: string;
  level?: string;
  out?: string;
}

export async function exportCommand(options: ExportOptions, io: CliIo): Promise<number> {
  const level = options.level ?? 'events';
  if (level !== 'events' && level !== 'mentions') throw new UsageError(`--level ${level}: expected events or mentions`);
  if (options.out) checkWritableTarget(options.out);
  const { eventsCsv, mentionsCsv } = await import('../../export/index.js');
  return withRepository(options.db, 'read', async (repository) => {
    const events = repository.allEvents();
    let csv: string;
    if (level === 'events') csv = eventsCsv(events);
    else {
      const eventOf = new Map(events.flatMap((event) => event.mentionKeys.map((key) => [key, event.id] as const)));
      csv = mentionsCsv(repository.allMentions(), (key) => eventOf.get(key) ?? null);
    }
    if (options.out) {
      try {
        writeFileSync(options.out, csv);
      } catch (error) {
        throw new UsageError(
          `--out ${options.out}: cannot write the file ` +
            `(${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
        );
      }
    } else io.stdout.write(csv);
    return EXIT.ok;
  });
}

/** Checked before the database is read: a folder that is not there is named, not a stack trace. */
function checkWritableTarget(out: string) {
  const folder = dirname(resolve(out));
  if (!existsSync(folder))
    throw new UsageError(`--out ${out}: the folder ${folder} does not exist; create it first (mkdir -p ${folder})`);
  if (!statSync(folder).isDirectory()) throw new UsageError(`--out ${out}: ${folder} is not a folder`);
  if (existsSync(out) && statSync(out).isDirectory())
    throw new UsageError(`--out ${out}: is a folder; give a file name`);
}
