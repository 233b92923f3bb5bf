import { setTimeout as sleep } from 'node:timers/promises';
import PQueue from 'p-queue';

interface HostState {
  queue: PQueue;
  /** Earliest time (epoch ms) the next request to this host may start. */
  nextStartAt: number;
  minIntervalMs: number;
  /**
   * The host's turns go in the order requests asked for them (a URL list's order): each takes a
   * ticket, and only the oldest ticket may claim the next turn. Without them, two requests waiting
   * out the gap woke in whichever order their timers fired.
   */
  nextTicket: number;
  serving: number;
  /** Resolved when a turn is claimed, so the next ticket stops waiting. */
  claimed: Promise<void>;
  onClaimed: () => void;
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
      const ticket = state.nextTicket++;
      for (;;) {
        await waitForTurn(state, ticket);
        const started = await this.global.add(async () => {
          // The host's other slot, or a Retry-After, may have moved the turn
          // while we queued; if so, give the global slot back and wait again.
          if (!claimTurn(state, ticket)) return NOT_YET;
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
        nextTicket: 0,
        serving: 0,
        claimed: Promise.resolve(),
        onClaimed: () => {},
      };
      resetClaimed(state);
      this.hosts.set(host, state);
    }
    return state;
  }
}

function resetClaimed(state: HostState) {
  state.claimed = new Promise((resolve) => (state.onClaimed = resolve));
}

async function waitForTurn(state: HostState, ticket: number): Promise<void> {
  // An older ticket goes first; then the gap. Re-read after each wait: the turn can move meanwhile.
  for (;;) {
    if (ticket !== state.serving) await state.claimed;
    else {
      const wait = state.nextStartAt - Date.now();
      if (wait <= 0) return;
      await sleep(wait);
    }
  }
}

/**
 * Checks and claims the host's turn in one synchronous step, so two slots of
 * one host can never both see the gap as free and start together.
 */
function claimTurn(state: HostState, ticket: number): boolean {
  const now = Date.now();
  if (now < state.nextStartAt || ticket !== state.serving) return false;
  state.nextStartAt = now + state.minIntervalMs;
  state.serving++;
  state.onClaimed();
  resetClaimed(state);
  return true;
}
