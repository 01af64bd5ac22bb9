import { type FormEvent, useState } from 'react';
import { usePlatform } from '../../api/platform-context.tsx';
import { TextField } from '../../components/field.tsx';
import { ErrorNote } from '../../components/panel.tsx';

/** `fast=10, slow=20` -> {fast: 10, slow: 20}; numbers and booleans are typed, the rest stays text. */
export function parseParams(text: string): Record<string, number | string | boolean> {
  const params: Record<string, number | string | boolean> = {};
  for (const part of text.split(/[,\n]/)) {
    const [name, raw] = part.split('=').map((piece) => piece.trim());
    if (!name || raw === undefined) continue;
    params[name] =
      raw === 'true'
        ? true
        : raw === 'false'
          ? false
          : raw !== '' && Number.isFinite(Number(raw))
            ? Number(raw)
            : raw;
  }
  return params;
}

/** POST /api/backtests with the backtesting engine's body: strategy, params, data files, capital. */
export function BacktestForm({ onLaunched }: { onLaunched: (id: string) => void }) {
  const { api } = usePlatform();
  const [strategy, setStrategy] = useState('ema-cross');
  const [dataFiles, setDataFiles] = useState('usdjpy-m1-bid-2013.csv');
  const [params, setParams] = useState('fast=10, slow=20, quantity=100000');
  const [symbol, setSymbol] = useState('');
  const [capital, setCapital] = useState('100000');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!api) return;
    setBusy(true);
    try {
      const body = {
        strategy,
        params: parseParams(params),
        dataFiles: dataFiles
          .split(',')
          .map((file) => file.trim())
          .filter(Boolean),
        capital: Number(capital),
        ...(symbol.trim() ? { symbol: symbol.trim() } : {}),
      };
      const answer = await api.post<{ id: string }>('/api/backtests', body);
      setError(null);
      onLaunched(answer.id);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="ticket" onSubmit={submit} data-testid="backtest-form">
      <TextField label="Strategy" value={strategy} onChange={setStrategy} testId="bt-strategy" />
      <TextField
        label="Data files (under the engine's data root, comma-separated)"
        value={dataFiles}
        onChange={setDataFiles}
        testId="bt-data"
      />
      <TextField label="Parameters (name=value, …)" value={params} onChange={setParams} testId="bt-params" />
      <TextField label="Symbol (optional)" value={symbol} onChange={setSymbol} testId="bt-symbol" />
      <TextField label="Capital" value={capital} onChange={setCapital} testId="bt-capital" />
      <button type="submit" className="primary" disabled={busy} data-testid="bt-submit">
        {busy ? 'Launching…' : 'Launch backtest'}
      </button>
      <ErrorNote error={error} />
    </form>
  );
}
