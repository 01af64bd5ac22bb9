import type { Envelope } from '../../domain/envelope.ts';
import type { Nanos } from '../../domain/time.ts';
import { topics } from '../../domain/topics.ts';
import type { FileRecord } from '../../marketdata/files/file-record.ts';
import { defaultInstrumentRegistry } from '../../trading/instruments/defaults.ts';
import { eventOfPayload, type OrderEventPayload } from '../../trading/orders/order-messages.ts';
import type { FillRecord } from './round-trips.ts';

const CHART_STEP_NS = 60_000_000_000n;

export function topicOf(record: FileRecord): string {
  switch (record.kind) {
    case 'bar':
      return topics.marketData.bar(record.symbol, record.spec);
    case 'quote':
      return topics.marketData.quote(record.symbol);
    case 'trade':
      return topics.marketData.trade(record.symbol);
  }
}

/** What the report needs, gathered from the bus like any other subscriber would. */
export function collector(fallbackRates: Readonly<Record<string, number>> = {}) {
  const instruments = defaultInstrumentRegistry();
  const orders = { submitted: 0, rejected: 0, fills: 0 };
  const fills: FillRecord[] = [];
  const closes = new Map<string, { tsNs: Nanos; price: number }[]>();
  const lastPrice = new Map<string, number>();
  const toAccount = (currency: string) => {
    if (currency === 'USD') return 1;
    const usdQuoted = lastPrice.get(`USD${currency}`);
    if (usdQuoted) return 1 / usdQuoted;
    return lastPrice.get(`${currency}USD`) ?? fallbackRates[currency] ?? Number.NaN;
  };
  return {
    orders,
    fills,
    closes,
    onRecord(record: FileRecord, eventNs: Nanos): void {
      const price =
        record.kind === 'bar'
          ? record.close
          : record.kind === 'trade'
            ? record.price
            : (record.bid + record.ask) / 2;
      lastPrice.set(record.symbol, price);
      // The price chart keeps the last price of each minute: tick files would otherwise hold
      // every event (1M trades took ~150 MB) for a chart drawn a few thousand pixels wide.
      const series = closes.get(record.symbol);
      const last = series?.at(-1);
      if (!series) closes.set(record.symbol, [{ tsNs: eventNs, price }]);
      else if (last && last.tsNs / CHART_STEP_NS === eventNs / CHART_STEP_NS) {
        last.tsNs = eventNs;
        last.price = price;
      } else series.push({ tsNs: eventNs, price });
    },
    onOrderMessage(envelope: Envelope): void {
      if (envelope.topic.startsWith('order.command.submit')) orders.submitted++;
      if (!envelope.topic.startsWith('order.event.')) return;
      const payload = envelope.payload as OrderEventPayload;
      if (payload.status === 'rejected') orders.rejected++;
      if (payload.status !== 'filled') return;
      const event = eventOfPayload(payload);
      if (event.type !== 'filled') return;
      orders.fills++;
      const instrument = instruments.get(payload.instrumentId);
      fills.push({
        tsNs: event.tsNs,
        symbol: payload.symbol,
        side: payload.side,
        price: event.lastPrice.toNumber(),
        quantity: event.lastQty.toNumber(),
        multiplier: instrument.multiplier.toNumber(),
        toAccount: toAccount(instrument.quoteCurrency),
        commission: event.commission.amount.toNumber() * toAccount(event.commission.currency),
        orderId: payload.orderId,
      });
    },
  };
}
