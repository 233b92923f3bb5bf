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

const NOT_YET = Symbol('not yet');

/**
 * Schedules single HTTP requests under two limits: a per-host queue (at most
 * N in flight, with a minimum gap between starts) and one global queue.
 *
 * The host slot is taken first and the global slot second, and all waiting
 * for a host's turn happens outside the global queue, so requests that are
 * merely waiting for a busy or paused host never occupy global slots; a slow
 * host therefore cannot starve the others.
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
      for (;;) {
        await waitForTurn(state);
        const started = await this.global.add(async () => {
          // The host's other slot, or a Retry-After, may have moved the turn
          // while we queued; if so, give the global slot back and wait again.
          if (!claimTurn(state)) return NOT_YET;
          return { value: await task() };
        });
        if (started !== NOT_YET) return started.value;
      }
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

async function waitForTurn(state: HostState): Promise<void> {
  // Re-read after each sleep: the turn can move while we wait.
  for (let wait = state.nextStartAt - Date.now(); wait > 0; wait = state.nextStartAt - Date.now()) {
    await sleep(wait);
  }
}

/**
 * Checks and claims the host's turn in one synchronous step, so two slots of
 * one host can never both see the gap as free and start together.
 */
function claimTurn(state: HostState): boolean {
  const now = Date.now();
  if (now < state.nextStartAt) return false;
  state.nextStartAt = now + state.minIntervalMs;
  return true;
}
