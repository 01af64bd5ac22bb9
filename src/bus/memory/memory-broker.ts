import type { Envelope } from '../../domain/envelope.ts';
import { PRIORITY_RANK } from '../../domain/priority.ts';
import { bigintAsText, type Nanos } from '../../domain/time.ts';
import { HandlerSet } from '../handler-set.ts';
import type { BusCounters, DeadLetter, Handler } from '../message-bus.ts';

export interface Member {
  readonly clientId: string;
  readonly pattern: string;
  readonly handler: Handler;
  /** The subscribing client's counters: delivery outcomes are counted where they are consumed. */
  readonly counters: BusCounters;
}

export interface BrokerOptions {
  /** `sync`: publish dispatches before it returns, in (event time, sequence) order: deterministic backtests. */
  mode: 'async' | 'sync';
  maxDeliveries: number;
  deadLetterLimit: number;
  now: () => Nanos;
}

interface Pending {
  envelope: Envelope;
  seq: number;
}

/** Per-group queues, one per priority: a group always serves its highest priority first. */
export class MemoryGroup {
  readonly members = new HandlerSet<Member>();
  readonly queues: Envelope[][] = [[], [], [], [], []];
  readonly heads = [0, 0, 0, 0, 0];
  busy = false;

  constructor(readonly name: string) {}

  get size(): number {
    let total = 0;
    for (let p = 0; p < 5; p++) total += this.queues[p]!.length - this.heads[p]!;
    return total;
  }

  push(envelope: Envelope): void {
    this.queues[PRIORITY_RANK[envelope.priority]]!.push(envelope);
  }

  pushFront(envelope: Envelope): void {
    const p = PRIORITY_RANK[envelope.priority];
    if (this.heads[p]! > 0) this.queues[p]![--this.heads[p]!] = envelope;
    else this.queues[p]!.unshift(envelope);
  }

  shift(): Envelope | undefined {
    for (let p = 0; p < 5; p++) {
      const queue = this.queues[p]!;
      const head = this.heads[p]!;
      if (head < queue.length) {
        const envelope = queue[head]!;
        if (head + 1 === queue.length) {
          queue.length = 0;
          this.heads[p] = 0;
        } else {
          this.heads[p] = head + 1;
          if (head > 4096 && head * 2 > queue.length) {
            queue.splice(0, head + 1);
            this.heads[p] = 0;
          }
        }
        return envelope;
      }
    }
    return undefined;
  }

  /** Members whose pattern matches share the group's messages round-robin (load balancing). */
  pick(topic: string): Member | undefined {
    // A group is only routed a topic one of its members matches: with one member, that is it.
    return this.members.size === 1 ? this.members.items[0] : this.members.pick(topic);
  }
}

/**
 * The in-process stand-in for Redis: several MemoryBus clients attached to one broker behave like
 * processes sharing a Redis bus (fan-out per group, load balancing inside a group).
 */
export class MemoryBroker {
  readonly groups = new Map<string, MemoryGroup>();
  readonly deadLetters: DeadLetter[] = [];
  readonly options: BrokerOptions;
  private readonly routeCache = new Map<string, MemoryGroup[]>();
  private readonly failures = new Map<string, number>();
  private readonly idleWaiters: Array<() => void> = [];
  private drainScheduled = false;
  private readonly timeline: Pending[] = [];
  private timelineSeq = 0;
  private dispatching = false;

  constructor(options: Partial<BrokerOptions> = {}) {
    this.options = {
      mode: options.mode ?? 'async',
      maxDeliveries: options.maxDeliveries ?? 5,
      deadLetterLimit: options.deadLetterLimit ?? 10_000,
      now: options.now ?? (() => BigInt(Date.now()) * 1_000_000n),
    };
  }

  publish(envelope: Envelope): void {
    if (this.options.mode === 'sync') {
      heapPush(this.timeline, { envelope, seq: this.timelineSeq++ });
      if (!this.dispatching) this.dispatchTimeline();
      return;
    }
    const groups = this.route(envelope.topic);
    for (let i = 0; i < groups.length; i++) groups[i]!.push(envelope);
    if (groups.length > 0) this.scheduleDrain();
  }

  /** Resolves once every queue is empty and no handler is running. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  group(name: string): MemoryGroup {
    let group = this.groups.get(name);
    if (!group) {
      group = new MemoryGroup(name);
      this.groups.set(name, group);
    }
    return group;
  }

  addMember(groupName: string, member: Member): MemoryGroup {
    const group = this.group(groupName);
    group.members.add(member);
    this.routeCache.clear();
    return group;
  }

  removeMember(groupName: string, member: Member): void {
    const group = this.groups.get(groupName);
    if (!group) return;
    group.members.remove(member);
    if (group.members.size === 0) this.groups.delete(groupName);
    this.routeCache.clear();
  }

  removeClient(clientId: string): void {
    for (const group of [...this.groups.values()]) {
      for (const member of group.members.items.filter((m) => m.clientId === clientId))
        this.removeMember(group.name, member);
    }
  }

  /** Groups with at least one member whose pattern matches `topic` (cached per topic). */
  route(topic: string): MemoryGroup[] {
    let groups = this.routeCache.get(topic);
    if (!groups) {
      groups = [...this.groups.values()].filter((g) => g.members.matchesAny(topic));
      if (this.routeCache.size > 100_000) this.routeCache.clear();
      this.routeCache.set(topic, groups);
    }
    return groups;
  }

  private isIdle(): boolean {
    if (this.timeline.length > 0) return false;
    for (const group of this.groups.values()) if (group.busy || group.size > 0) return false;
    return true;
  }

  private notifyIfIdle(): void {
    if (this.idleWaiters.length > 0 && this.isIdle())
      for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private dispatchTimeline(): void {
    this.dispatching = true;
    try {
      for (let item = heapPop(this.timeline); item; item = heapPop(this.timeline)) {
        const { envelope } = item;
        for (const group of this.route(envelope.topic)) {
          for (let attempt = 1; ; attempt++) {
            const member = group.pick(envelope.topic);
            if (!member) break;
            member.counters.delivered++;
            try {
              const result = member.handler(envelope);
              if (result instanceof Promise) result.catch(() => member.counters.handlerFailures++);
              member.counters.acked++;
              break;
            } catch (error) {
              member.counters.handlerFailures++;
              if (attempt >= this.options.maxDeliveries) {
                this.deadLetter(envelope, group.name, member, attempt, error);
                break;
              }
            }
          }
        }
      }
    } finally {
      this.dispatching = false;
    }
    this.notifyIfIdle();
  }

  private scheduleDrain(): void {
    if (this.drainScheduled) return;
    this.drainScheduled = true;
    setImmediate(() => {
      this.drainScheduled = false;
      this.drain();
    });
  }

  private drain(): void {
    let more = false;
    for (const group of this.groups.values()) {
      if (group.busy) continue;
      for (let n = 0; n < DRAIN_CHUNK; n++) {
        const envelope = group.shift();
        if (!envelope) break;
        if (this.deliver(group, envelope)) break;
      }
      if (!group.busy && group.size > 0) more = true;
    }
    if (more) this.scheduleDrain();
    else this.notifyIfIdle();
  }

  /** Returns true when the handler went async: the group waits for it to keep per-topic order. */
  private deliver(group: MemoryGroup, envelope: Envelope): boolean {
    const member = group.pick(envelope.topic);
    if (!member) return false;
    member.counters.delivered++;
    let result: void | Promise<void>;
    try {
      result = member.handler(envelope);
    } catch (error) {
      this.fail(group, member, envelope, error);
      return false;
    }
    if (!(result instanceof Promise)) {
      member.counters.acked++;
      return false;
    }
    group.busy = true;
    result.then(
      () => {
        member.counters.acked++;
        this.resume(group);
      },
      (error: unknown) => {
        this.fail(group, member, envelope, error);
        this.resume(group);
      },
    );
    return true;
  }

  private resume(group: MemoryGroup): void {
    group.busy = false;
    if (group.size > 0) this.scheduleDrain();
    else this.notifyIfIdle();
  }

  private fail(group: MemoryGroup, member: Member, envelope: Envelope, error: unknown): void {
    member.counters.handlerFailures++;
    const key = `${group.name}\u0000${envelope.id}`;
    const deliveries = (this.failures.get(key) ?? 0) + 1;
    if (deliveries >= this.options.maxDeliveries) {
      this.failures.delete(key);
      this.deadLetter(envelope, group.name, member, deliveries, error);
      return;
    }
    this.failures.set(key, deliveries);
    group.pushFront(envelope);
  }

  private deadLetter(
    envelope: Envelope,
    group: string,
    member: Member,
    deliveries: number,
    error: unknown,
  ): void {
    member.counters.deadLettered++;
    this.deadLetters.push({
      reason: `handler failed ${deliveries} times: ${error instanceof Error ? error.message : String(error)}`,
      origin: envelope.topic,
      entryId: envelope.id,
      group,
      deliveries,
      raw: JSON.stringify(envelope, bigintAsText),
      atNs: this.options.now(),
    });
    if (this.deadLetters.length > this.options.deadLetterLimit) this.deadLetters.shift();
  }
}

const DRAIN_CHUNK = 512;

function before(a: Pending, b: Pending): boolean {
  return (
    a.envelope.eventTimeNs < b.envelope.eventTimeNs ||
    (a.envelope.eventTimeNs === b.envelope.eventTimeNs && a.seq < b.seq)
  );
}

function heapPush(heap: Pending[], item: Pending): void {
  heap.push(item);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i]!, heap[parent]!)) break;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

function heapPop(heap: Pending[]): Pending | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length > 0 && last) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) break;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
  }
  return top;
}
