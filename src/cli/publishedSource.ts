import { sidecarPathOf } from '../ingest/statedDate.js';

/** How explain and set-published name where a publication date came from; `documentSource` names a sidecar. */
export function describePublishedSource(source: string, documentSource?: string): string {
  switch (source) {
    case 'option':
      return 'paste --published';
    case 'batch':
      return 'ingest --published';
    case 'sidecar':
      return documentSource ? `sidecar ${sidecarPathOf(documentSource)}` : 'its sidecar';
    case 'set':
      return 'set-published';
    case 'none':
      return 'none found';
    default:
      return `the page's ${source}`;
  }
}
