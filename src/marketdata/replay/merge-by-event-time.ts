import { NautilusError } from '../../core/errors.ts';
import { type Nanos, nsToIso } from '../../domain/time.ts';
import type { FileRecord } from '../files/file-record.ts';
import { BinaryHeap } from './binary-heap.ts';
import { eventTimeOf } from './event-time.ts';

/** A record on the merged stream, with where it came from. */
export interface MergedRecord {
  record: FileRecord;
  eventNs: Nanos;
  /** Index of the source in the array given to mergeByEventTime. */
  source: number;
  /** 0-based position within its source. */
  sequence: number;
}

/**
 * The heap holds at most one head per source, so (event time, source) already decides every tie and
 * each source's own order is kept by construction: the output is ordered by (time, source, sequence).
 */
function compareMerged(a: MergedRecord, b: MergedRecord): number {
  if (a.eventNs !== b.eventNs) return a.eventNs < b.eventNs ? -1 : 1;
  return a.source - b.source;
}

/**
 * K-way merge of time-ordered sources into one stream ordered by event time; deterministic for equal
 * times. A source that goes back in time fails the merge rather than silently reordering history.
 */
export async function* mergeByEventTime(
  sources: readonly AsyncIterable<FileRecord>[],
): AsyncGenerator<MergedRecord> {
  const iterators = sources.map((source) => source[Symbol.asyncIterator]());
  const heads = new BinaryHeap<MergedRecord>(compareMerged);
  const pull = async (source: number, previous: MergedRecord | undefined) => {
    const next = await iterators[source]!.next();
    if (next.done) return undefined;
    const eventNs = eventTimeOf(next.value);
    const sequence = previous ? previous.sequence + 1 : 0;
    if (previous && eventNs < previous.eventNs) {
      throw new NautilusError(
        'BAD_REQUEST',
        `source ${source}: record ${sequence} at ${eventNs} (${nsToIso(eventNs)}) is before the previous ` +
          `record at ${previous.eventNs} (${nsToIso(previous.eventNs)})`,
        { details: { source, sequence, eventNs, previousNs: previous.eventNs } },
      );
    }
    return { record: next.value, eventNs, source, sequence };
  };
  try {
    // Open all sources concurrently: file readers spend their first read on I/O.
    for (const head of await Promise.all(iterators.map((_, source) => pull(source, undefined))))
      if (head) heads.push(head);
    for (let head = heads.pop(); head; head = heads.pop()) {
      yield head;
      const next = await pull(head.source, head);
      if (next) heads.push(next);
    }
  } finally {
    // Closes file handles when the consumer stops early or a source fails.
    await Promise.allSettled(iterators.map((iterator) => iterator.return?.()));
  }
}
