/**
 * The PutEvents workload the emulator benches share: 20 rules on the default bus with an SQS
 * target (19 that never match, one that matches every entry), and an unsigned JSON 1.1
 * PutEvents sender (the emulator does not check signatures).
 */
import { PutRuleCommand, PutTargetsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { request, type Agent } from 'node:http';

export type Sender = (endpoint: string, entries: object[]) => Promise<void>;

export async function putBenchRules(
  events: EventBridgeClient,
  queueArn: string,
  rules: number,
): Promise<void> {
  for (let i = 0; i < rules - 1; i++) {
    const pattern = { source: [`other.${i}`], detail: { total: [{ numeric: ['>', i] }] } };
    await events.send(new PutRuleCommand({ Name: `noise-${i}`, EventPattern: JSON.stringify(pattern) }));
    await events.send(new PutTargetsCommand({ Rule: `noise-${i}`, Targets: [{ Id: 'q', Arn: queueArn }] }));
  }
  await events.send(
    new PutRuleCommand({
      Name: 'orders',
      EventPattern: JSON.stringify({
        source: [{ prefix: 'partner.' }],
        detail: { total: [{ numeric: ['>=', 0] }] },
      }),
    }),
  );
  await events.send(new PutTargetsCommand({ Rule: 'orders', Targets: [{ Id: 'q', Arn: queueArn }] }));
}

/** Ten entries of the workload, numbered from `first`. */
export function benchEntries(first: number): object[] {
  return Array.from({ length: 10 }, (_, j) => ({
    Source: 'partner.shop',
    DetailType: 'Order Updated',
    Detail: JSON.stringify({ total: first + j, status: 'paid' }),
  }));
}

/** The same JSON 1.1 wire request, unsigned (the emulator does not check signatures). */
export function wireSender(agent: Agent): Sender {
  return (endpoint, Entries) =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify({ Entries });
      const req = request(
        `${endpoint}/`,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/x-amz-json-1.1',
            'x-amz-target': 'AWSEvents.PutEvents',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk));
          res.on('end', () => {
            const parsed = JSON.parse(text) as { FailedEntryCount?: number };
            if (res.statusCode !== 200 || parsed.FailedEntryCount)
              reject(new Error(`PutEvents failed: ${text}`));
            else resolve();
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}
