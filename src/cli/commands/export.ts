import { writeFileSync } from 'node:fs';
import { EXIT, openRepository, UsageError } from '../common.js';

export interface ExportOptions { db?: string; level?: string; out?: string }

export async function exportCommand(options: ExportOptions): Promise<number> {
  const level = options.level ?? 'events';
  if (level !== 'events' && level !== 'mentions') throw new UsageError(`--level ${level}: expected events or mentions`);
  const { eventsCsv, mentionsCsv } = await import('../../export/index.js');
  const repository = openRepository(options.db, 'read');
  try {
    const events = repository.allEvents();
    let csv: string;
    if (level === 'events') csv = eventsCsv(events);
    else {
      const eventOf = new Map(events.flatMap((event) => event.mentionKeys.map((key) => [key, event.id] as const)));
      csv = mentionsCsv(repository.allMentions(), (key) => eventOf.get(key) ?? null);
    }
    if (options.out) writeFileSync(options.out, csv);
    else process.stdout.write(csv);
    return EXIT.ok;
  } finally {
    repository.db.close();
  }
}
