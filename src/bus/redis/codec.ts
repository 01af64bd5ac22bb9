import { Packr } from 'msgpackr';
import type { Envelope } from '../../domain/envelope.ts';
import { bigintAsText } from '../../domain/time.ts';

export interface Codec {
  readonly name: 'json' | 'msgpack';
  encode(envelope: Envelope): string | Buffer;
  /** Joins already-encoded envelopes into one array value (one stream entry for many messages). */
  join(encoded: ReadonlyArray<string | Buffer>): string | Buffer;
  /** Returns the decoded wire object (an envelope or an array of them); validation happens after. */
  decode(data: string | Buffer): unknown;
}

/** Top-level bigints of a payload as text: covers every schema here without a replacer's per-key call. */
function shallowBigintsAsText(payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return payload;
  let copy: Record<string, unknown> | null = null;
  for (const key in payload) {
    const value = (payload as Record<string, unknown>)[key];
    if (typeof value === 'bigint') {
      copy ??= { ...(payload as Record<string, unknown>) };
      copy[key] = value.toString();
    }
  }
  return copy ?? payload;
}

function encodeJson(envelope: Envelope): string {
  const flat = {
    ...envelope,
    eventTimeNs: envelope.eventTimeNs.toString(),
    publishTimeNs: envelope.publishTimeNs.toString(),
    payload: shallowBigintsAsText(envelope.payload),
  };
  try {
    return JSON.stringify(flat);
  } catch {
    // A bigint deeper in the payload: the replacer handles any depth (measured ~2x slower).
    return JSON.stringify(envelope, bigintAsText);
  }
}

/** JSON: nanosecond timestamps travel as decimal strings (JSON numbers lose them past 2^53). */
export const jsonCodec: Codec = {
  name: 'json',
  encode: encodeJson,
  join: (encoded) => `[${encoded.join(',')}]`,
  decode: (data) => JSON.parse(typeof data === 'string' ? data : data.toString('utf8')),
};

const packr = new Packr({ useRecords: false, int64AsType: 'bigint' });

/** Opt-in msgpack: bigints as int64, smaller entries, binary-safe reads. */
export const msgpackCodec: Codec = {
  name: 'msgpack',
  encode: (envelope) => packr.pack(envelope),
  join: (encoded) => Buffer.concat([msgpackArrayHeader(encoded.length), ...(encoded as Buffer[])]),
  decode: (data) => packr.unpack(typeof data === 'string' ? Buffer.from(data, 'binary') : data),
};

function msgpackArrayHeader(length: number): Buffer {
  if (length < 16) return Buffer.from([0x90 | length]);
  const header = Buffer.alloc(3);
  header[0] = 0xdc;
  header.writeUInt16BE(length, 1);
  return header;
}

export function codecNamed(name: 'json' | 'msgpack'): Codec {
  return name === 'json' ? jsonCodec : msgpackCodec;
}
