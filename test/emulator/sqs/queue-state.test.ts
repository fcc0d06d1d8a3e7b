import { describe, expect, it } from 'vitest';
import { QueueState } from '../../../emulator/services/sqs/queue-state';

const options = { max: 10, visibilityTimeoutSeconds: 30, retentionSeconds: 345_600 };

describe('queue state', () => {
  it('hides a received message until its visibility timeout passes', () => {
    const queue = new QueueState();
    queue.send({ body: 'a' }, 0);
    expect(queue.receive(0, options).messages.map((m) => m.body)).toEqual(['a']);
    expect(queue.receive(29_999, options).messages).toEqual([]);
    const again = queue.receive(30_000, options).messages;
    expect(again.map((m) => [m.body, m.receiveCount, m.firstReceivedAt])).toEqual([['a', 2, 0]]);
  });

  it('returns the messages over maxReceiveCount as moving to the dead-letter queue', () => {
    const queue = new QueueState();
    queue.send({ body: 'poison' }, 0);
    const withRedrive = { ...options, visibilityTimeoutSeconds: 0, maxReceiveCount: 2 };
    expect(queue.receive(0, withRedrive).messages).toHaveLength(1);
    expect(queue.receive(1, withRedrive).messages).toHaveLength(1);
    const third = queue.receive(2, withRedrive);
    expect(third.messages).toEqual([]);
    expect(third.toDeadLetter.map((m) => [m.body, m.receiveCount])).toEqual([['poison', 2]]);
    expect(queue.counts(3)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  it('delays messages and reports when the next one becomes visible', () => {
    const queue = new QueueState();
    queue.send({ body: 'later', delaySeconds: 5 }, 1000);
    expect(queue.counts(1000)).toEqual({ visible: 0, inFlight: 0, delayed: 1 });
    expect(queue.nextVisibleAt(1000)).toBe(6000);
    expect(queue.receive(6000, options).messages).toHaveLength(1);
  });

  it('drops messages older than the retention period', () => {
    const queue = new QueueState();
    queue.send({ body: 'old' }, 0);
    expect(queue.receive(61_000, { ...options, retentionSeconds: 60 }).messages).toEqual([]);
    expect(queue.snapshot()).toEqual([]);
  });

  it('deletes and changes visibility by receipt handle only', () => {
    const queue = new QueueState();
    queue.send({ body: 'a' }, 0);
    const receipt = queue.receive(0, options).messages[0]!.receipt!;
    expect(queue.changeVisibility('not-a-handle', 0, 1)).toBe('invalid');
    expect(queue.changeVisibility(receipt, 0, 1)).toBe('ok');
    expect(queue.changeVisibility(receipt, 10, 2)).toBe('not-inflight');
    const [again] = queue.receive(2, options).messages;
    expect(queue.delete(again!.receipt!)).toBe(true);
    expect(queue.delete('garbage')).toBe(false);
    expect(queue.snapshot()).toEqual([]);
  });

  it('makes in-flight messages visible again when restored', () => {
    const queue = new QueueState();
    queue.send({ body: 'a' }, 0);
    queue.receive(0, options);
    const restored = QueueState.restore(queue.snapshot(), 10);
    expect(restored.receive(10, options).messages.map((m) => m.receiveCount)).toEqual([2]);
  });
});
