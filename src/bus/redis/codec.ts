import { Packr } from 'msgpackr';
import type { Envelope } from '../../domain/envelope.ts';

export interface Codec {
  readonly name: 'json' | 'msgpack';
  encode(envelope: Envelope): string | Buffer;
  /** Returns the decoded wire object; validation happens after, against the schemas. */
  decode(data: string | Buffer): unknown;
}

function bigintAsText(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

/** JSON: nanosecond timestamps travel as decimal strings (JSON numbers lose them past 2^53). */
export const jsonCodec: Codec = {
  name: 'json',
  encode: (envelope) => JSON.stringify(envelope, bigintAsText),
  decode: (data) => JSON.parse(typeof data === 'string' ? data : data.toString('utf8')),
};

const packr = new Packr({ useRecords: false, int64AsType: 'bigint' });

/** Opt-in msgpack: bigints as int64, smaller entries, binary-safe reads. */
export const msgpackCodec: Codec = {
  name: 'msgpack',
  encode: (envelope) => packr.pack(envelope),
  decode: (data) => packr.unpack(typeof data === 'string' ? Buffer.from(data, 'binary') : data),
};

export function codecNamed(name: 'json' | 'msgpack'): Codec {
  return name === 'json' ? jsonCodec : msgpackCodec;
}
