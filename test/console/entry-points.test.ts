/**
 * Where the console runs: beside `npm start` (its URL recorded in endpoints.json) and as
 * `hydrant console`, both on 127.0.0.1, without a browser.
 */
import { ListRulesCommand } from '@aws-sdk/client-eventbridge';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalConsole } from '../../bin/console/local';
import { BUS, hydrant, startLocalHydrant, type LocalHydrant } from '../cli/helpers';

let local: LocalHydrant;

beforeAll(async () => {
  local = await startLocalHydrant();
});

afterAll(() => local?.close());

describe('the console entry points', () => {
  it('npm start: serves the console and records its URL as `console` in endpoints.json', async () => {
    const file = join(local.stateDir, 'endpoints.json');
    const served = await startLocalConsole({ stateDir: local.stateDir, endpointsFile: file, port: 0 });
    try {
      const doc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      expect(doc.console).toBe(served.url);
      expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const page = await fetch(`${served.url}dlqs`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('order-hydration');
    } finally {
      expect(await served.close()).toEqual([]);
    }
  });

  it('hydrant console: serves until Ctrl-C, then removes its bus rule and queue', async () => {
    const abort = new AbortController();
    let url: string | undefined;
    const run = hydrant(['console', '--port', '0', '--json'], {
      env: { HYDRANT_STATE: local.stateDir },
      signal: abort.signal,
      onStdout: (text) => {
        url ??= /"console": "([^"]+)"/.exec(text)?.[1];
      },
    });
    for (let i = 0; i < 200 && url === undefined; i++) await new Promise((r) => setTimeout(r, 50));
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const home = await fetch(url!);
    abort.abort();
    const done = await run;

    expect(home.status).toBe(200);
    expect(home.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(done.code, done.stderr).toBe(0);
    expect(done.stderr).toBe('');
    const rules = await local.events.send(new ListRulesCommand({ EventBusName: BUS }));
    expect((rules.Rules ?? []).filter((r) => r.Name?.startsWith('hydrant-console'))).toEqual([]);
  });
});
