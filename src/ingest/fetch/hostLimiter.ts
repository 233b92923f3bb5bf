import { setTimeout as sleep } from 'node:timers/promises';
import PQueue from 'p-queue';

interface HostState {
  queue: PQueue;
  /** Earliest time (epoch ms) the next request to this host may start. */
  nextStartAt: number;
  minIntervalMs: number;
}

export interface HostLimiterOptions {
  concurrency: number;
  perHostConcurrency: number;
  perHostIntervalMs: number;
}

/**
 * Schedules single HTTP requests under two limits: a per-host queue (at most
 * N in flight, with a minimum gap between starts) and one global queue.
 *
 * The host slot is taken first and the global slot second, so requests that
 * are merely waiting for a busy host never occupy global slots; a slow host
 * therefore cannot starve the others.
 */
export class HostLimiter {
  private readonly global: PQueue;
  private readonly hosts = new Map<string, HostState>();
  private readonly options: HostLimiterOptions;

  constructor(options: HostLimiterOptions) {
    this.options = options;
    this.global = new PQueue({ concurrency: options.concurrency });
  }

  run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const state = this.stateFor(host);
    return state.queue.add(async () => {
      // Long waits (Retry-After, Crawl-delay) happen here, holding only this host's slot.
      await waitUntil(() => state.nextStartAt);
      return this.global.add(async () => {
        // The other slot of this host may have started meanwhile; this wait is at most one interval.
        await waitUntil(() => state.nextStartAt);
        state.nextStartAt = Date.now() + state.minIntervalMs;
        return task();
      });
    });
  }

  /** Keeps every request to the host waiting, e.g. after a Retry-After. */
  pauseHost(host: string, ms: number): void {
    const state = this.stateFor(host);
    state.nextStartAt = Math.max(state.nextStartAt, Date.now() + ms);
  }

  /** Raises the host's minimum gap (robots.txt Crawl-delay); never lowers it below the configured one. */
  setMinInterval(host: string, ms: number): void {
    const state = this.stateFor(host);
    state.minIntervalMs = Math.max(this.options.perHostIntervalMs, ms);
  }

  private stateFor(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = {
        queue: new PQueue({ concurrency: this.options.perHostConcurrency }),
        nextStartAt: 0,
        minIntervalMs: this.options.perHostIntervalMs,
      };
      this.hosts.set(host, state);
    }
    return state;
  }
}

async function waitUntil(deadline: () => number): Promise<void> {
  // Re-read after each sleep: the deadline can move while we wait.
  for (let wait = deadline() - Date.now(); wait > 0; wait = deadline() - Date.now()) {
    await sleep(wait);
  }
}
