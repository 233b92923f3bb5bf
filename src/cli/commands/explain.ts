import { EXIT, openRepository, UsageError } from '../common.js';

/** Every value of an event, where it came from (article, sentence, span) and which rule set it. */
export async function explainCommand(eventId: string, options: { db?: string }): Promise<number> {
  const repository = openRepository(options.db);
  try {
    const event = repository.event(eventId);
    if (!event) throw new UsageError(`no event ${eventId} (or the prefix is ambiguous); list ids with: datledger export`);
    const mentions = new Map(repository.mentionsOfBlocks([event.blockKey]).map((m) => [m.key, m]));
    const out: string[] = [];
    out.push(`event ${event.id}: ${event.company} ${event.action} ${event.quantity} ${event.asset}${event.date ? ` on ${event.date}${event.dateEnd ? `..${event.dateEnd}` : ''}` : ''}`);
    out.push(`status ${event.status}, confidence ${event.confidence}, ${event.sourceCount} independent source(s), review ${event.reviewState}`, '');
    for (const [field, resolution] of Object.entries(event.fields)) {
      if (resolution.value === null && resolution.candidates.length === 0) continue;
      out.push(`${field} = ${resolution.value ?? '(none)'}  [${resolution.state}, confidence ${resolution.confidence}]`);
      out.push(`  why: ${resolution.reason}`);
      if (resolution.suggestion) out.push(`  suggestion: ${resolution.suggestion}`);
      for (const candidate of resolution.candidates) out.push(`  candidate ${candidate.value}${candidate.note ? ` (${candidate.note})` : ''} from ${candidate.sources.join(', ')}`);
    }
    out.push('', 'evidence:');
    for (const key of event.mentionKeys) {
      const mention = mentions.get(key);
      if (!mention) continue;
      out.push(`  mention ${key} in ${mention.source}${mention.published ? ` (published ${mention.published})` : ''}`);
      for (const [field, evidences] of Object.entries(mention.provenance)) {
        for (const evidence of evidences) out.push(`    ${field.padEnd(16)} "${evidence.text}" [${evidence.start}-${evidence.end}] rule ${evidence.rule}`);
      }
    }
    process.stdout.write(`${out.join('\n')}\n`);
    return EXIT.ok;
  } finally {
    repository.db.close();
  }
}
