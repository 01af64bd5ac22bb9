import { describe, expect, it } from 'vitest';
import { ClientSession, type SocketLike } from './client-session.ts';

/** A socket whose writes complete only when the test says so. */
class FakeSocket implements SocketLike {
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: string[] = [];
  private pending: Array<() => void> = [];

  send(data: Buffer | string, _options: { binary: boolean }, cb?: () => void): void {
    this.sent.push(String(data));
    this.bufferedAmount += data.length;
    if (cb) this.pending.push(cb);
  }

  flush(): void {
    this.bufferedAmount = 0;
    for (const cb of this.pending.splice(0)) cb();
  }
}

describe('ClientSession', () => {
  it('writes straight through until the buffer limit, then conflates until the write completes', () => {
    const socket = new FakeSocket();
    const overflowed: string[] = [];
    const session = new ClientSession('c1', 'local', socket, {
      slot: 0,
      alertQueueLimit: 2,
      maxBufferedBytes: 10,
      onAlertOverflow: (s) => overflowed.push(s.id),
      schedule: (s) => s.flush(),
    });
    session.deliver('p.A', 1, 'AAAA1', false); // 5 bytes buffered
    session.deliver('p.A', 2, 'AAAA2', false); // 5 + 5 reaches 10: sent, and the session waits
    session.deliver('p.A', 3, 'AAAA3', false);
    session.deliver('p.A', 4, 'AAAA4', false);
    session.deliver('x.X', 1, 'ALRT1', true);
    session.deliver('p.A', 2, 'AAAA2', false); // an old sequence: never delivered twice
    expect(socket.sent).toEqual(['AAAA1', 'AAAA2']);
    socket.flush();
    expect(socket.sent).toEqual(['AAAA1', 'AAAA2', 'ALRT1', 'AAAA4']);
    expect(session.queue.conflated).toBe(1);
    expect(session.sent).toBe(4);
    expect(overflowed).toEqual([]);
  });

  it('reports an alert overflow once and stops taking messages', () => {
    const socket = new FakeSocket();
    const overflowed: string[] = [];
    const session = new ClientSession('c2', 'local', socket, {
      slot: 0,
      alertQueueLimit: 1,
      maxBufferedBytes: 1,
      onAlertOverflow: (s) => overflowed.push(s.id),
      schedule: (s) => s.flush(),
    });
    for (let seq = 1; seq <= 5; seq++) session.deliver('x.X', seq, `a${seq}`, true);
    // a1 is in flight, a2 waits (limit 1), a3 overflows; a4 and a5 are ignored.
    expect(socket.sent).toEqual(['a1']);
    expect(overflowed).toEqual(['c2']);
    expect(session.overflowed).toBe(true);
  });

  it('conflates prices that arrive before a deferred flush, keeping alerts', () => {
    const socket = new FakeSocket();
    const due: ClientSession[] = [];
    const session = new ClientSession('c3', 'local', socket, {
      slot: 0,
      alertQueueLimit: 10,
      maxBufferedBytes: 1_000,
      onAlertOverflow: () => undefined,
      schedule: (s) => due.push(s),
    });
    session.deliver('p.A', 1, 'A1', false);
    session.deliver('p.B', 1, 'B1', false);
    session.deliver('p.A', 2, 'A2', false);
    session.deliver('x.X', 1, 'X1', true);
    session.deliver('x.X', 2, 'X2', true);
    expect(due).toEqual([session]);
    expect(socket.sent).toEqual([]);
    session.flush();
    expect(socket.sent).toEqual(['X1', 'X2', 'A2', 'B1']);
    expect(session.queue.conflated).toBe(1);
  });
});
