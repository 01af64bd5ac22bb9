import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pino } from 'pino';
import { createClient } from 'redis';
import { busConfigSchema } from '../../src/bus/bus-config.ts';
import { MemoryBus } from '../../src/bus/memory/memory-bus.ts';
import type { MessageBus } from '../../src/bus/message-bus.ts';
import { RedisBus } from '../../src/bus/redis/redis-bus.ts';
import { LiveClock } from '../../src/core/live-clock.ts';
import { topics } from '../../src/domain/topics.ts';
import type { FileRecord } from '../../src/marketdata/files/file-record.ts';
import { readMarketDataFile } from '../../src/marketdata/files/read-market-data-file.ts';
import { eventTimeOf } from '../../src/marketdata/replay/event-time.ts';
import { SHARED_DATA } from '../../src/testing/shared-data.ts';
import { ArrivalCounter } from './arrival-counter.ts';
import { progress } from './report.ts';

export const DATA_DIR = SHARED_DATA;
const REAL_CSVS = ['btc-perp-20211231-20220201_1m.csv', 'gbpusd-m1-bid-2012.csv', 'usdjpy-ticks.csv'];
const PARQUETS = ['btcusdt-trades.parquet', 'btcusdt-quotes.parquet'];
/** Records a feed publishes between two yields to the event loop (as bench/bus.ts does). */
const FEED_CHUNK = 10_000;

export interface ReplaySizes {
  syntheticTrades: number;
  /** Passes over the small Parquet files. */
  parquetPasses: number;
  /** Rows of the synthetic file sent through the Redis bus (the whole file is slow there). */
  redisRows: number;
  redisWindow: number;
  redisUrl: string;
  runs: number;
}

export interface FileRate {
  file: string;
  rows: number;
  perS: number;
}

export interface ReplayResult {
  csvRows: number;
  csvPerS: number;
  csvFiles: FileRate[];
  rawLineSplitPerS: number;
  parquetRows: number;
  parquetPerS: number;
  memoryRows: number;
  memoryPerS: number;
  /** Same records, already in memory, published straight into the memory bus: its ceiling here. */
  memoryPublishOnlyPerS: number;
  redisRows: number;
  redisPerS: number;
  redisKeysDeleted: number;
}

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/** A trades CSV in the layout the reader detects as `trades`: time, price, size, side, trade id. */
export async function writeSyntheticTrades(path: string, rows: number): Promise<void> {
  const startMs = Date.UTC(2024, 0, 2, 0, 0, 0);
  // Written a chunk at a time: joining the whole file first cost ~800 MB of RSS, which the
  // backtest bench would then report as the pipeline's peak.
  const fd = openSync(path, 'w');
  try {
    let chunk = 'timestamp,price,size,side,trade_id\n';
    let price = 42_000;
    for (let i = 0; i < rows; i++) {
      // ~50 trades per second, microsecond stamps, a random walk in price.
      const us = i * 20_000 + ((i * 7919) % 997);
      const iso = new Date(startMs + Math.floor(us / 1000)).toISOString().slice(0, 19);
      const micros = String(us % 1_000_000).padStart(6, '0');
      price += ((i * 2_654_435_761) % 11) - 5;
      const size = (((i * 40_503) % 5000) + 1) / 1000;
      chunk += `${iso}.${micros}Z,${(price / 10).toFixed(1)},${size},${i % 3 === 0 ? 'sell' : 'buy'},${1_000_000 + i}\n`;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

/**
 * Every record of a file through the reader, a batch (a read chunk's rows) at a time: the path a
 * replay feed uses when it goes as fast as it can. Returns how many rows it read.
 */
async function readAll(path: string, onBatch?: (records: FileRecord[]) => void | Promise<void>) {
  const reader = readMarketDataFile(path);
  let records = 0;
  for await (const batch of reader.batches()) {
    records += batch.length;
    if (onBatch) {
      const pending = onBatch(batch);
      if (pending) await pending;
    }
  }
  if (reader.stats.badRows > 0) throw new Error(`${path}: ${reader.stats.badRows} bad rows`);
  if (records !== reader.stats.recordsEmitted) throw new Error('record count mismatch');
  return reader.stats.rowsRead;
}

/** Baseline: the same file's lines, split from raw chunks, with no parsing at all. */
async function splitLines(path: string): Promise<number> {
  let lines = 0;
  let carry = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 })) {
    const parts = (carry + (chunk as string)).split('\n');
    carry = parts.pop()!;
    for (const line of parts) if (line.length > 0) lines++;
  }
  if (carry.length > 0) lines++;
  return lines - 1; // the header
}

/** Topic per record, memoised: a feed builds each topic string once per symbol (and bar spec). */
function topicOf(): (record: FileRecord) => string {
  // Keyed by kind, then symbol (then spec): no key string is built per record.
  const byKind = new Map<string, Map<string, string | Map<string, string>>>();
  return (record) => {
    let bySymbol = byKind.get(record.kind);
    if (bySymbol === undefined) {
      bySymbol = new Map();
      byKind.set(record.kind, bySymbol);
    }
    if (record.kind === 'bar') {
      let bySpec = bySymbol.get(record.symbol) as Map<string, string> | undefined;
      if (bySpec === undefined) {
        bySpec = new Map();
        bySymbol.set(record.symbol, bySpec);
      }
      let topic = bySpec.get(record.spec);
      if (topic === undefined) {
        topic = topics.marketData.bar(record.symbol, record.spec.replaceAll('.', '_'));
        bySpec.set(record.spec, topic);
      }
      return topic;
    }
    let topic = bySymbol.get(record.symbol) as string | undefined;
    if (topic === undefined) {
      topic =
        record.kind === 'trade'
          ? topics.marketData.trade(record.symbol)
          : topics.marketData.quote(record.symbol);
      bySymbol.set(record.symbol, topic);
    }
    return topic;
  };
}

async function timeCsv(files: string[]): Promise<{ total: FileRate; perFile: FileRate[] }> {
  const perFile: FileRate[] = [];
  let rows = 0;
  let elapsed = 0;
  for (const path of files) {
    const started = process.hrtime.bigint();
    const n = await readAll(path);
    const s = seconds(started);
    perFile.push({ file: basename(path), rows: n, perS: n / s });
    rows += n;
    elapsed += s;
  }
  return { total: { file: 'all', rows, perS: rows / elapsed }, perFile };
}

async function memoryReplay(path: string): Promise<number> {
  const clock = new LiveClock();
  const bus = new MemoryBus({ clock });
  await bus.start();
  const counter = new ArrivalCounter();
  await bus.subscribe('bench-replay', 'market_data.*', () => counter.add());
  const topicFor = topicOf();
  let sent = 0;
  const started = process.hrtime.bigint();
  const rows = await readAll(path, async (batch) => {
    for (let i = 0; i < batch.length; i++) {
      const record = batch[i]!;
      bus.publish({
        engine: 'bench-replay',
        topic: topicFor(record),
        payload: record,
        eventTimeNs: eventTimeOf(record),
      });
      // idle() resolves once every handler has run: the time covers publish *and* delivery.
      if (++sent % FEED_CHUNK === 0) await bus.idle();
    }
  });
  await bus.idle();
  const perS = rows / seconds(started);
  if (counter.count !== sent) throw new Error(`memory bus delivered ${counter.count} of ${sent}`);
  await bus.stop();
  return perS;
}

/** The ceiling for the memory replay: the same records, parsed beforehand, published and delivered. */
async function memoryPublishOnly(path: string): Promise<number> {
  const records: FileRecord[] = [];
  await readAll(path, (batch) => {
    for (const record of batch) records.push(record);
  });
  const bus = new MemoryBus({ clock: new LiveClock() });
  await bus.start();
  let delivered = 0;
  await bus.subscribe('bench-replay', 'market_data.*', () => {
    delivered++;
  });
  const topicFor = topicOf();
  const started = process.hrtime.bigint();
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    bus.publish({
      engine: 'bench-replay',
      topic: topicFor(record),
      payload: record,
      eventTimeNs: eventTimeOf(record),
    });
    if (i % FEED_CHUNK === FEED_CHUNK - 1) await bus.idle();
  }
  await bus.idle();
  const perS = records.length / seconds(started);
  if (delivered !== records.length) throw new Error(`memory bus delivered ${delivered} of ${records.length}`);
  await bus.stop();
  return perS;
}

async function redisReplay(
  path: string,
  size: ReplaySizes,
): Promise<{ rows: number; perS: number; keysDeleted: number }> {
  const prefix = `bench-hub-${process.pid}-${Date.now().toString(36)}`;
  const config = busConfigSchema.parse({
    transport: 'redis',
    marketDataUrl: size.redisUrl,
    engineLogicUrl: size.redisUrl,
    mainUrl: size.redisUrl,
    prefix,
  });
  const clock = new LiveClock();
  const logger = pino({ level: 'warn' }, pino.destination(2));
  const buses: MessageBus[] = [];
  let result: { rows: number; perS: number };
  let deleted = 0;
  try {
    const pub = new RedisBus(config, { clock, logger, instanceId: 'bench-hub-pub' });
    buses.push(pub);
    await pub.start();
    const sub = new RedisBus(config, { clock, logger, instanceId: 'bench-hub-sub' });
    buses.push(sub);
    await sub.start();
    const counter = new ArrivalCounter();
    await sub.subscribe('bench-hub-replay', 'market_data.*', () => counter.add());
    const topicFor = topicOf();
    let sent = 0;
    const started = process.hrtime.bigint();
    // Stops the reader after `redisRows` records: the rest of the file is not read.
    const limited = readMarketDataFile(path);
    for await (const record of limited) {
      pub.publish({
        engine: 'bench-hub-replay',
        topic: topicFor(record),
        payload: record,
        eventTimeNs: eventTimeOf(record),
      });
      sent++;
      // At most `redisWindow` in flight: streams stay below MAXLEN, so nothing is trimmed unread.
      if (sent - counter.count >= size.redisWindow) await counter.waitFor(sent - size.redisWindow / 2);
      if (sent >= size.redisRows) break;
    }
    await counter.waitFor(sent);
    result = { rows: sent, perS: sent / seconds(started) };
  } finally {
    await Promise.allSettled(buses.map((bus) => bus.stop()));
    const client = createClient({ url: size.redisUrl });
    await client.connect();
    try {
      for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
        if (keys.length > 0) deleted += await client.del(keys);
      }
    } finally {
      await client.quit();
    }
    progress(`redis: deleted ${deleted} keys under ${prefix}*`);
  }
  return { ...result, keysDeleted: deleted };
}

export async function runReplayPhase(size: ReplaySizes): Promise<ReplayResult> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-hub-'));
  try {
    const synthetic = join(dir, 'btcusdt-trades.csv');
    progress(
      `replay: writing ${size.syntheticTrades.toLocaleString('en-US')} synthetic trades to ${synthetic}`,
    );
    await writeSyntheticTrades(synthetic, size.syntheticTrades);
    const csvFiles = [...REAL_CSVS.map((file) => join(DATA_DIR, file)), synthetic];
    const mb = (await stat(synthetic)).size / 1e6;
    progress(`replay: synthetic file is ${mb.toFixed(1)} MB; warm-up read`);
    await timeCsv(csvFiles);

    const csvRuns: Array<{ total: FileRate; perFile: FileRate[] }> = [];
    const rawRuns: number[] = [];
    for (let run = 0; run < size.runs; run++) {
      progress(`replay: CSV parse of ${csvFiles.length} files, run ${run + 1} of ${size.runs}`);
      csvRuns.push(await timeCsv(csvFiles));
      let lines = 0;
      const started = process.hrtime.bigint();
      for (const path of csvFiles) lines += await splitLines(path);
      rawRuns.push(lines / seconds(started));
      if (lines !== csvRuns[run]!.total.rows) throw new Error(`raw split saw ${lines} lines`);
    }
    csvRuns.sort((a, b) => a.total.perS - b.total.perS);
    const csv = csvRuns[csvRuns.length >> 1]!;

    progress(`replay: Parquet, ${size.parquetPasses} passes over ${PARQUETS.join(', ')}`);
    const parquetPaths = PARQUETS.map((file) => join(DATA_DIR, file));
    for (const path of parquetPaths) await readAll(path);
    const parquetRuns: number[] = [];
    let parquetRows = 0;
    for (let run = 0; run < size.runs; run++) {
      parquetRows = 0;
      const started = process.hrtime.bigint();
      for (let pass = 0; pass < size.parquetPasses; pass++)
        for (const path of parquetPaths) parquetRows += await readAll(path);
      parquetRuns.push(parquetRows / seconds(started));
    }

    const memoryRuns: number[] = [];
    for (let run = 0; run < size.runs; run++) {
      progress(`replay: synthetic CSV -> memory bus -> subscriber, run ${run + 1} of ${size.runs}`);
      memoryRuns.push(await memoryReplay(synthetic));
    }
    progress('replay: pre-parsed records -> memory bus (ceiling)');
    const memoryPublishOnlyPerS = await memoryPublishOnly(synthetic);

    progress(`replay: synthetic CSV -> redis bus (${size.redisUrl}) -> subscriber, ${size.redisRows} rows`);
    const redis = await redisReplay(synthetic, size);

    return {
      csvRows: csv.total.rows,
      csvPerS: csv.total.perS,
      csvFiles: csv.perFile,
      rawLineSplitPerS: median(rawRuns),
      parquetRows,
      parquetPerS: median(parquetRuns),
      memoryRows: size.syntheticTrades,
      memoryPerS: median(memoryRuns),
      memoryPublishOnlyPerS,
      redisRows: redis.rows,
      redisPerS: redis.perS,
      redisKeysDeleted: redis.keysDeleted,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
