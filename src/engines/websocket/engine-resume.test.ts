import { afterEach, describe, expect, it } from 'vitest';
import { startWebsocketEngine } from './websocket-test-kit.ts';

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

const TOPIC = 'vpin.calculation.ES';

describe('websocket engine resume', () => {
  it('replays what a reconnecting client missed, or says what is lost', async () => {
    const kit = await startWebsocketEngine({ retainPerTopic: 3 });
    stops.push(kit.stop);
    const first = await kit.connect();
    const epoch = first.frames[0]!.epoch as string;
    first.send({ op: 'subscribe', topics: [TOPIC] });
    await first.next('subscribed');
    for (let n = 1; n <= 2; n++) {
      kit.publish(TOPIC, { n });
      await first.until(() => first.messages().length === n, `message ${n}`);
    }
    first.socket.close();
    await first.until(() => kit.engine.snapshot().clients === 0, 'the disconnect');
    for (let n = 3; n <= 4; n++) kit.publish(TOPIC, { n });
    await kit.bus.idle();

    // Seqs 3 and 4 came while it was away; the ring (3 messages) still holds 2, 3 and 4.
    const back = await kit.connect();
    back.send({ op: 'resume', epoch, since: { [TOPIC]: 2 } });
    await back.until(() => back.messages().length === 1, 'the replay');
    // VPIN is a conflated topic: the replay, queued at once, conflates to the latest retained one
    // (alert topics replay every message: engine-slow-consumer.test.ts).
    expect(back.messages().map((f) => [f.seq, (f.payload as { n: number }).n])).toEqual([[4, 4]]);
    kit.publish(TOPIC, { n: 5 });
    await back.until(() => back.messages().length === 2, 'the live message');
    expect(back.messages()[1]!.seq).toBe(5);

    // Seqs 1 and 2 fell out of the ring: a gap frame says so before the retained ones.
    const late = await kit.connect();
    late.send({ op: 'resume', epoch, since: { [TOPIC]: 0 } });
    expect(await late.next('gap')).toEqual({
      op: 'gap',
      topic: TOPIC,
      fromSeq: 1,
      toSeq: 2,
      reason: 'no longer retained',
    });

    // Another epoch: the server restarted and its sequences are not comparable.
    const stale = await kit.connect();
    stale.send({ op: 'resume', epoch: 'old-epoch', since: { [TOPIC]: 9 } });
    expect(await stale.next('gap')).toMatchObject({ fromSeq: 10, toSeq: null });
    stale.send({ op: 'resume', epoch, since: { 'vpin.*': 1 } });
    expect((await stale.next('error')).message).toMatch(/exact topics/);
  });
});
