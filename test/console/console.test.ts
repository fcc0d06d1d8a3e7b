/**
 * The console in a real browser (Debian's chromium through playwright-core), against the emulator
 * with a hydrant-shaped set of resources and seeded data: one emulator, one console, one browser
 * for every page. HYDRANT_CONSOLE_SCREENSHOTS=docs/console writes the README's screenshots.
 */
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type ConsoleServer } from '../../bin/console/server';
import { createClients } from '../../bin/ops/aws/clients';
import type { OpsTarget } from '../../bin/ops/context';
import { readLocalEndpoints } from '../../bin/cli/target/local-target';
import { BUS, startLocalHydrant, type LocalHydrant } from '../cli/helpers';
import { startStripeStandIn, STRIPE_TEST_KEY, type StripeStandIn } from '../cli/stripe-api-stand-in';
import { startWebhookReceiver, type WebhookReceiver } from '../cli/webhook-receiver';
import { browserAvailable, inCi, INSTALL_HINT, launchBrowser } from './browser';
import { HOSTILE, ORDER, seed } from './seed';

if (!browserAvailable) {
  if (inCi) throw new Error(INSTALL_HINT);
  console.warn(`console browser tests skipped. ${INSTALL_HINT}`);
}

const SCREENSHOTS = process.env.HYDRANT_CONSOLE_SCREENSHOTS;
let local: LocalHydrant;
let receiver: WebhookReceiver;
let stripe: StripeStandIn;
let target: OpsTarget;
let server: ConsoleServer;
let browser: Browser;
let light: BrowserContext;
let page: Page;

async function shoot(p: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await p.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

async function publish(source: string, detailType: string, detail: unknown): Promise<void> {
  await local.events.send(
    new PutEventsCommand({
      Entries: [
        { EventBusName: BUS, Source: source, DetailType: detailType, Detail: JSON.stringify(detail) },
      ],
    }),
  );
}

describe.skipIf(!browserAvailable)('hydrant console in a browser', { timeout: 90_000 }, () => {
  beforeAll(async () => {
    local = await startLocalHydrant();
    [receiver, stripe] = await Promise.all([
      startWebhookReceiver(local.secrets, local.secretIds),
      startStripeStandIn(),
    ]);
    local.writeEndpoints({
      webhooks: {
        stripe: `${receiver.url}/webhooks/stripe`,
        delivery: `${receiver.url}/webhooks/delivery/{provider}`,
      },
    });
    await seed(local);
    const endpoints = await readLocalEndpoints(local.stateDir, process.cwd());
    target = { endpoints, clients: createClients(endpoints) };
    [server, browser] = await Promise.all([
      startConsole({
        target,
        port: 0,
        env: { STRIPE_API_KEY: STRIPE_TEST_KEY, STRIPE_API_BASE: stripe.url },
      }),
      launchBrowser(),
    ]);
    light = await browser.newContext({ colorScheme: 'light', viewport: { width: 1200, height: 800 } });
    page = await light.newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    const problems = await server?.close();
    expect(problems ?? []).toEqual([]);
    target?.clients.destroy();
    await Promise.all([receiver?.close(), stripe?.close(), local?.close()]);
  });

  it('shows bus events as they arrive, newest first, filtered, each openable in full', async () => {
    await page.goto(server.url);
    await expect(page.getByRole('heading', { name: 'Bus' }).isVisible()).resolves.toBe(true);

    await publish('stripe', 'payment_intent.succeeded', {
      data: { object: { metadata: { orderId: ORDER } } },
    });
    await publish('shop.hydration', 'Order Hydrated', { orderId: ORDER, note: HOSTILE });
    const rows = page.locator('#events tr');
    await rows.nth(1).waitFor({ timeout: 15_000 });

    expect(await rows.nth(0).getAttribute('data-source')).toBe('shop.hydration');
    expect(await rows.nth(1).getAttribute('data-source')).toBe('stripe');
    await rows.nth(0).locator('summary').click();
    expect(await rows.nth(0).locator('pre').innerText()).toContain('"note"');
    expect(await rows.nth(0).locator('pre').innerText()).toContain('<script>');
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    await shoot(page, 'bus-light');

    const dark = await browser.newContext({ colorScheme: 'dark', viewport: { width: 1200, height: 800 } });
    const darkPage = await dark.newPage();
    await darkPage.goto(`${server.url}?source=stripe`);
    expect(await darkPage.locator('#events tr').count()).toBe(1);
    const background = await darkPage.evaluate('getComputedStyle(document.body).backgroundColor');
    expect(background).toBe('rgb(13, 17, 23)');
    await publish('delivery', 'Delivered', { orderId: ORDER });
    await publish('stripe', 'charge.refunded', { data: { object: { metadata: { orderId: ORDER } } } });
    await darkPage.locator('#events tr').nth(1).waitFor({ timeout: 15_000 });
    expect(await darkPage.locator('#events tr[data-source="delivery"]').count()).toBe(0);
    await darkPage.goto(server.url);
    await shoot(darkPage, 'bus-dark');
    await dark.close();
  });

  it('shows an order: status, timeline, hydrated objects, invoice, credit notes, DLQ messages, rejected webhooks', async () => {
    await page.goto(server.url);
    await page.getByLabel('Order').fill(ORDER);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/orders/${ORDER}`);

    const main = page.locator('main');
    expect(await main.locator('.badge').innerText()).toBe('shipped');
    expect(await main.innerText()).toContain('(partially refunded)');
    expect(await main.locator('table').first().locator('tbody tr').count()).toBe(4);
    const text = await main.innerText();
    expect(text).toContain(`invoices/${ORDER}.json`);
    expect(text).toContain(`invoices/${ORDER}/credit-rf_1.json`);
    expect(text).toContain('Http5xx');
    expect(text).toContain('signature-mismatch');
    await shoot(page, 'order');

    await page.getByRole('link', { name: /ORDER_PLACED_e-placed/ }).click();
    expect(await page.locator('main pre').innerText()).toContain(`"orderId": "${ORDER}"`);
  });

  it('browses the bucket by prefix with breadcrumbs, pretty JSON and download', async () => {
    await page.goto(`${server.url}objects?prefix=${encodeURIComponent(`hydrated/orders/${ORDER}/`)}`);
    const crumbs = page.getByRole('navigation', { name: 'Breadcrumbs' });
    expect(await crumbs.innerText()).toContain(ORDER);
    await page.getByRole('link', { name: /ORDER_PLACED/ }).click();
    const pre = await page.locator('main pre').innerText();
    expect(pre).toContain('\n  "schemaVersion": 1');
    expect(pre).toContain('<script>window.__pwned=1</script>');
    await shoot(page, 'object');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/ORDER_PLACED_e-placed\.json$/);

    await crumbs.getByRole('link', { name: 'hydrated' }).click();
    await page.waitForURL(/prefix=hydrated%2F$/);
    expect(await page.locator('main table').innerText()).toContain('orders/');
    await page.goto(`${server.url}objects`);
    await shoot(page, 'objects');
  });

  it('lists rejected webhooks with their reasons', async () => {
    await page.goto(`${server.url}rejected`);
    const text = await page.locator('main').innerText();
    expect(text).toContain('signature-mismatch');
    expect(text).toContain('No active signing secret verifies');
    await shoot(page, 'rejected');
  });

  it('lists DLQs; redrives after confirmation, with progress', async () => {
    await page.goto(`${server.url}dlqs`);
    const row = page.locator('tr', { has: page.getByRole('link', { name: 'order-hydration', exact: true }) });
    expect(await row.innerText()).toContain('Http5xx');
    await shoot(page, 'dlqs');

    await row.getByRole('link').click();
    expect(await page.locator('main').innerText()).toContain('partner answered 503 five times');
    await shoot(page, 'dlq');
    await page.getByRole('button', { name: 'Redrive' }).click();
    // The browser refuses to submit until the confirmation box is ticked.
    expect(page.url()).toMatch(/dlqs\/order-hydration$/);
    await page.getByLabel(/Yes, redrive 1 message/).check();
    const jobPage = page.waitForResponse((r) => r.url().includes('?job='));
    await page.getByRole('button', { name: 'Redrive' }).click();
    // The page a redrive lands on must not read the DLQ while the redrive runs: a read hides the
    // message, and the move task would skip it.
    const firstRender = await (await jobPage).text();
    if (firstRender.includes('<script nonce=')) {
      expect(firstRender).toContain('Listed once the redrive of order-hydration has ended.');
      expect(firstRender).not.toContain('partner answered 503 five times');
    }
    await page
      .getByText(/Moved 1 message\(s\) from order-hydration/)
      .waitFor({ timeout: 20_000 })
      .catch(async (e) => {
        throw new Error(`${(e as Error).message}\n${await page.locator('main').innerText()}`);
      });
    expect(await page.locator('progress').getAttribute('value')).toBe(
      await page.locator('progress').getAttribute('max'),
    );
    const source = await local.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: local.queues['order-hydration'], AttributeNames: ['All'] }),
    );
    const attrs = source.Attributes!;
    expect(
      Number(attrs.ApproximateNumberOfMessages) + Number(attrs.ApproximateNumberOfMessagesNotVisible),
    ).toBe(1);
  });

  it('sends a signed Stripe test event from the send form', async () => {
    await page.goto(`${server.url}stripe`);
    expect(await page.locator('main').innerText()).toContain('0 active signing secret(s)');
    await page.getByLabel('Signing secret (whsec_…)').fill('whsec_console_test_secret');
    await page.getByRole('button', { name: 'Store' }).click();
    expect(await page.locator('main pre').innerText()).toContain('"activeSecrets": 1');
    expect(await page.content()).not.toContain('whsec_console_test_secret');

    await page.goto(`${server.url}send?order=${ORDER}`);
    await shoot(page, 'send');
    await page.getByRole('button', { name: 'Send Stripe event' }).click();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Sent: payment_intent.succeeded');
    expect(receiver.verified.at(-1)).toMatchObject({
      provider: 'stripe',
      secret: 'whsec_console_test_secret',
    });
    expect(JSON.parse(receiver.verified.at(-1)!.body)).toMatchObject({
      data: { object: { metadata: { orderId: ORDER } } },
    });
  });

  it('manages the Stripe endpoint like the CLI: register once, rotate in two steps, delete', async () => {
    const hook = 'https://tunnel.example/webhooks/stripe';
    await page.goto(`${server.url}stripe`);
    for (let i = 0; i < 2; i++) {
      await page.getByLabel('Webhook URL').first().fill(hook);
      await page.getByRole('button', { name: 'Register' }).click();
      await page.goto(`${server.url}stripe`);
    }
    expect([...stripe.endpoints.keys()]).toEqual(['we_1']);

    await page.getByLabel('Webhook URL').nth(1).fill(hook);
    await page.getByRole('button', { name: 'Start rotation' }).click();
    expect(await page.locator('main pre').innerText()).toContain('"previousEndpointId": "we_1"');
    await page.goto(`${server.url}stripe`);
    expect(await page.locator('main table').innerText()).toContain('rotation from we_1');
    await shoot(page, 'stripe');
    await page.getByLabel('Webhook URL').nth(1).fill(hook);
    await page.getByRole('button', { name: 'Finish rotation' }).click();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Rotation still waiting');
    expect(stripe.endpoints.get('we_1')!.status).toBe('enabled');
    await page.goto(`${server.url}stripe`);
    await page.getByLabel('Webhook URL').nth(1).fill(hook);
    await page.getByLabel('Finish now even if unverified').check();
    await page.getByRole('button', { name: 'Finish rotation' }).click();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Rotation finished');
    expect(stripe.endpoints.get('we_1')!.status).toBe('disabled');

    await page.goto(`${server.url}stripe`);
    await page.getByLabel('Confirm deleting we_1').check();
    await page.getByRole('button', { name: 'Delete we_1' }).click();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Endpoint deleted');
    expect([...stripe.endpoints.keys()]).toEqual(['we_2']);
    // Two secrets active (the rotation's and the one before); none of them on any page.
    expect(await page.content()).not.toMatch(/whsec_standin/);
  });

  it('accepts a POST only from its own pages: same origin, session token, loopback Host', async () => {
    await page.goto(`${server.url}send`);
    const token = await page.locator('input[name=_csrf]').first().inputValue();
    const cookie = (await light.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const origin = server.url.slice(0, -1);
    const form = 'application/x-www-form-urlencoded';
    const purge = (headers: Record<string, string>, body: string) =>
      fetch(`${server.url}dlqs/order-hydration/purge`, { method: 'POST', headers, body, redirect: 'manual' });

    const noToken = await purge({ origin, cookie, 'content-type': form }, 'confirm=yes');
    const crossSite = await purge(
      { origin: 'https://evil.example', cookie, 'content-type': form },
      `confirm=yes&_csrf=${token}`,
    );
    const otherSession = await purge({ origin, 'content-type': form }, `confirm=yes&_csrf=${token}`);
    const unconfirmed = await purge({ origin, cookie, 'content-type': form }, `_csrf=${token}`);
    const confirmed = await purge({ origin, cookie, 'content-type': form }, `confirm=yes&_csrf=${token}`);
    const rebound = await new Promise<number>((resolve, reject) => {
      request(server.url, { headers: { host: `evil.example:${new URL(server.url).port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      })
        .on('error', reject)
        .end();
    });

    expect([noToken.status, crossSite.status, otherSession.status]).toEqual([403, 403, 403]);
    expect(unconfirmed.status).toBe(400);
    expect(confirmed.status).toBe(303);
    expect(rebound).toBe(421);
  });

  it('can be used from the keyboard: the skip link comes first and lands on the content', async () => {
    await page.goto(`${server.url}dlqs`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement?.id')).toBe('main');
  });
});
