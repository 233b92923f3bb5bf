/**
 * Parses a URL list file: one URL a line; blank lines and '#' comments are
 * skipped. A comment may also follow a URL after whitespace ("url  # note");
 * a '#' touching the URL is its fragment, since URLs cannot contain spaces.
 */
export function parseUrlList(text: string): string[] {
  const urls: string[] = [];
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/(^|\s)#.*$/, '').trim();
    if (line !== '') urls.push(line);
  }
  return urls;
}
