import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  generateQueryResponses,
  generateSamples,
  RESPONSE_DIR,
  SAMPLE_DIR,
} from '../../../scripts/generate-samples';

/** Fields that change with the time of a run (and the hashes and sizes derived from them). */
function withoutTimestamps(text: string): unknown {
  return JSON.parse(text, (key, value) =>
    ['hydratedAt', 'sha256', 'size'].includes(key) ? '<varies>' : value,
  );
}

describe('query_response/', () => {
  it("holds the mock partner's answers to the hydrators' operations (run `npm run samples` to refresh)", async () => {
    for (const [name, content] of await generateQueryResponses()) {
      expect(readFileSync(path.join(RESPONSE_DIR, name), 'utf8'), name).toBe(content);
    }
  });
});

describe('sample_object/', () => {
  it('matches what the hydrators produce against the mock partner today (run `npm run samples` to refresh)', async () => {
    const generated = await generateSamples();

    expect(readdirSync(SAMPLE_DIR).sort()).toEqual([...generated.keys()].sort());
    for (const [name, content] of generated) {
      const committed = readFileSync(path.join(SAMPLE_DIR, name), 'utf8');
      expect(withoutTimestamps(committed), name).toEqual(withoutTimestamps(content));
    }
  });

  it('holds a complete order, a partial order and an item', async () => {
    const read = (name: string) => JSON.parse(readFileSync(path.join(SAMPLE_DIR, name), 'utf8'));
    expect(read('order_placed.json')).toMatchObject({ schemaVersion: 1, complete: true });
    expect(read('order_partial.json')).toMatchObject({
      complete: false,
      response: { errors: [expect.anything()] },
    });
    expect(read('item_buyability.event.json')).toMatchObject({
      eventType: 'BUYABILITY_STATUS_CHANGE',
      complete: true,
    });
  });
});
