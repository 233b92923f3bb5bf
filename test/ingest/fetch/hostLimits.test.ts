import { afterEach, describe, expect, it } from 'vitest';
import { fetchAll } from '../../../src/ingest/fetch/index.js';
import { HostLimiter } from '../../../src/ingest/fetch/hostLimiter.js';
import { html, startServer, type TestServer } from './testServer.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A server that counts how many of its requests are in flight at once. */
async function countingServer(delayMs: number, onArrival?: () => void) {
  const stats = { inFlight: 0, maxInFlight: 0, arrivals: [] as number[] };
  const server = await startServer(async (_req, res) => {
    stats.arrivals.push(Date.now());
    onArrival?.();
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    await pause(delayMs);
    stats.inFlight--;
    html(res, 'ok');
  });
  servers.push(server);
  return { server, stats };
}

describe('concurrency limits', () => {
  it('keeps at most 2 requests in flight per host while another host proceeds in parallel', async () => {
    const a = await countingServer(100);
    let busyHostInFlightWhenBArrived = -1;
    const b = await countingServer(10, () => {
      busyHostInFlightWhenBArrived = a.stats.inFlight;
    });
    const urls = [...Array.from({ length: 10 }, (_, i) => a.server.url(`/a/${i}`)), b.server.url('/b')];

    const outcomes = await fetchAll(urls, { perHostIntervalMs: 0, concurrency: 8 });

    expect(outcomes.every((o) => o.kind === 'fetched')).toBe(true);
    expect(a.stats.maxInFlight).toBe(2);
    // B was not queued behind A's ten URLs: it ran while A was busy.
    expect(busyHostInFlightWhenBArrived).toBeGreaterThan(0);
    expect(b.stats.arrivals[0]!).toBeLessThan(a.stats.arrivals.at(-1)!);
  });

  it('honours perHostConcurrency when set to 1', async () => {
    const a = await countingServer(30);
    await fetchAll(
      Array.from({ length: 4 }, (_, i) => a.server.url(`/${i}`)),
      { perHostIntervalMs: 0, perHostConcurrency: 1 },
    );
    expect(a.stats.maxInFlight).toBe(1);
  });

  it('spaces request starts to one host by perHostIntervalMs', async () => {
    const a = await countingServer(0);
    await fetchAll(
      Array.from({ length: 4 }, (_, i) => a.server.url(`/${i}`)),
      { perHostIntervalMs: 150, ignoreRobots: true },
    );
    const gaps = a.stats.arrivals.slice(1).map((t, i) => t - a.stats.arrivals[i]!);
    expect(gaps).toHaveLength(3);
    // Timers may fire a millisecond early relative to Date.now().
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(145);
  });

  it('caps the total number of requests in flight across hosts', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const track = async (_req: unknown, res: import('node:http').ServerResponse) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await pause(30);
      inFlight--;
      html(res, 'ok');
    };
    const hosts = await Promise.all([startServer(track), startServer(track), startServer(track)]);
    servers.push(...hosts);
    const urls = hosts.flatMap((h) => [h.url('/1'), h.url('/2')]);
    const outcomes = await fetchAll(urls, { perHostIntervalMs: 0, concurrency: 2, ignoreRobots: true });
    expect(outcomes.every((o) => o.kind === 'fetched')).toBe(true);
    expect(maxInFlight).toBe(2);
  });
});

describe("the order of one host's turns", () => {
  it("requests waiting for a host's gap start in the order they were asked for", async () => {
    // The second request asks a few milliseconds after the first, so it would sleep a few milliseconds
    // less: the host's turns, not the timers, must decide who goes first. Timers flip the order only
    // some of the time, so the race is run at several distances.
    for (const lateByMs of [2, 5, 8, 12]) {
      const limiter = new HostLimiter({ concurrency: 1, perHostConcurrency: 2, perHostIntervalMs: 30 });
      const started: string[] = [];
      const request = (name: string) => limiter.run('example.test', async () => void started.push(name));
      await request('robots.txt');
      const first = request('first');
      const until = Date.now() + lateByMs;
      while (Date.now() < until);
      const second = request('second');
      await Promise.all([first, second]);
      expect(started, `second asked ${lateByMs} ms later`).toEqual(['robots.txt', 'first', 'second']);
    }
  });
});
