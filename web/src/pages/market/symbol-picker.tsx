import { useEffect, useState } from 'react';
import type { Instrument } from '../../api/types.ts';
import { usePoll } from '../../api/use-poll.ts';

const INSTRUMENTS_POLL_MS = 10_000;

/** The instruments the API knows and the one chosen (the first until the user picks). */
export function useSelectedSymbol(): [string | null, (symbol: string) => void, Instrument[]] {
  const { data } = usePoll<{ instruments: Instrument[] }>('/api/instruments', INSTRUMENTS_POLL_MS);
  const instruments = data?.instruments ?? [];
  const [symbol, setSymbol] = useState<string | null>(null);
  useEffect(() => {
    if (symbol === null && instruments[0]) setSymbol(instruments[0].symbol);
  }, [symbol, instruments]);
  return [symbol, setSymbol, instruments];
}

export function SymbolPicker(props: {
  symbol: string | null;
  instruments: Instrument[];
  onChange: (symbol: string) => void;
  testId?: string;
}) {
  return (
    <select
      className="select"
      value={props.symbol ?? ''}
      onChange={(event) => props.onChange(event.target.value)}
      data-testid={props.testId ?? 'symbol-picker'}
    >
      {props.instruments.map((instrument) => (
        <option key={instrument.symbol} value={instrument.symbol}>
          {instrument.symbol} · {instrument.assetClass} · {instrument.currency}
        </option>
      ))}
    </select>
  );
}
