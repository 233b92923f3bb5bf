import robotsParserImport from 'robots-parser';

/** What fetching an origin's /robots.txt produced. */
export type RobotsFile =
  | { kind: 'found'; text: string }
  /** 4xx: the site has no rules for anyone (RFC 9309 §2.3.1.3). */
  | { kind: 'missing' }
  /** 5xx: RFC 9309 §2.3.1.4 says assume everything is disallowed. */
  | { kind: 'unavailable'; reason: string }
  /** No answer at all (DNS, refused, timeout): the page cannot be fetched either, and that is the reason to give. */
  | { kind: 'unreachable'; reason: string };

export type RobotsLoader = (robotsUrl: URL) => Promise<RobotsFile>;

interface RobotsRules {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
type RobotsParser = (url: string, contents: string) => RobotsRules;

// robots-parser is CommonJS (module.exports = fn) but its typings declare an
// ES default export, so under NodeNext TypeScript mistypes the default import.
// Accept either shape so it also works under bundlers that wrap CJS differently.
const interop = robotsParserImport as unknown as RobotsParser | { default: RobotsParser };
const robotsParser: RobotsParser = typeof interop === 'function' ? interop : interop.default;

type Policy = (url: URL) => string | undefined;

export const ROBOTS_DISALLOWED = 'disallowed by robots.txt';

/**
 * Answers "may we fetch this URL?" from robots.txt, loading each origin's file
 * at most once per run; concurrent callers share the same pending load.
 */
export class RobotsGate {
  private readonly policies = new Map<string, Promise<Policy>>();
  private readonly userAgent: string;
  private readonly load: RobotsLoader;
  private readonly onCrawlDelay: ((host: string, delayMs: number) => void) | undefined;

  constructor(userAgent: string, load: RobotsLoader, onCrawlDelay?: (host: string, delayMs: number) => void) {
    this.userAgent = userAgent;
    this.load = load;
    this.onCrawlDelay = onCrawlDelay;
  }

  /** Resolves to a refusal reason, or undefined when the URL may be fetched. */
  async check(url: URL): Promise<string | undefined> {
    let policy = this.policies.get(url.origin);
    if (!policy) {
      policy = this.loadPolicy(url);
      this.policies.set(url.origin, policy);
    }
    return (await policy)(url);
  }

  private async loadPolicy(url: URL): Promise<Policy> {
    const robotsUrl = new URL('/robots.txt', url.origin);
    let file: RobotsFile;
    try {
      file = await this.load(robotsUrl);
    } catch (error) {
      file = { kind: 'unavailable', reason: error instanceof Error ? error.message : String(error) };
    }
    switch (file.kind) {
      case 'missing':
        return () => undefined;
      case 'unavailable': {
        const reason = `robots.txt unavailable (${file.reason}), treated as disallowed`;
        return () => reason;
      }
      case 'unreachable': {
        const reason = `cannot reach ${url.host}: ${file.reason}`;
        return () => reason;
      }
      case 'found': {
        const rules = robotsParser(robotsUrl.href, file.text);
        const delaySeconds = rules.getCrawlDelay(this.userAgent);
        if (delaySeconds !== undefined && delaySeconds > 0) this.onCrawlDelay?.(url.host, delaySeconds * 1000);
        // isAllowed() is undefined for URLs of another origin; the cache key rules that out.
        return (target) => (rules.isAllowed(target.href, this.userAgent) === false ? ROBOTS_DISALLOWED : undefined);
      }
    }
  }
}
