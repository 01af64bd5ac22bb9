import { type FormEvent, useState } from 'react';
import { usePlatform } from '../../api/platform-context.tsx';
import { SelectField, TextField } from '../../components/field.tsx';
import { SymbolPicker, useSelectedSymbol } from '../market/symbol-picker.tsx';

type TimeInForce = 'GTC' | 'DAY' | 'IOC';

/** A market order cannot rest: GTC is refused for it. */
const TIME_IN_FORCE: Record<'market' | 'limit', TimeInForce[]> = {
  market: ['IOC', 'DAY'],
  limit: ['GTC', 'DAY', 'IOC'],
};

interface OrderAnswer {
  orderId: string;
  status: string;
  reason?: string;
}

/** Paper orders through the API: POST /api/orders, which sends them through risk and execution. */
export function OrderTicket({ onPlaced }: { onPlaced: () => void }) {
  const { api } = usePlatform();
  const [symbol, setSymbol, instruments] = useSelectedSymbol();
  const [side, setSide] = useState<'buy' | 'sell'>('buy');
  const [type, setType] = useState<'market' | 'limit'>('market');
  const [quantity, setQuantity] = useState('1');
  const [price, setPrice] = useState('');
  const [timeInForce, setTimeInForce] = useState<TimeInForce | 'default'>('default');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!api || !symbol) return;
    setBusy(true);
    try {
      const body = {
        symbol,
        side,
        type,
        quantity,
        ...(type === 'limit' ? { price } : {}),
        ...(timeInForce === 'default' ? {} : { timeInForce }),
      };
      const answer = await api.post<OrderAnswer>('/api/orders', body);
      const denied = answer.status === 'denied';
      setResult({
        ok: !denied,
        text: `${answer.orderId}: ${answer.status}${answer.reason ? ` (${answer.reason})` : ''}`,
      });
      onPlaced();
    } catch (error) {
      setResult({ ok: false, text: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="ticket" onSubmit={submit} data-testid="order-ticket">
      <div className="field">
        Symbol
        <SymbolPicker symbol={symbol} instruments={instruments} onChange={setSymbol} testId="ticket-symbol" />
      </div>
      <div className="segmented">
        {(['buy', 'sell'] as const).map((option) => (
          <button
            key={option}
            type="button"
            className={side === option ? `active ${option}` : ''}
            onClick={() => setSide(option)}
            data-testid={`ticket-side-${option}`}
          >
            {option.toUpperCase()}
          </button>
        ))}
      </div>
      <SelectField
        label="Type"
        value={type}
        onChange={(value) => {
          setType(value as 'market' | 'limit');
          setTimeInForce('default');
        }}
        testId="ticket-type"
      >
        <option value="market">Market</option>
        <option value="limit">Limit</option>
      </SelectField>
      <SelectField
        label="Time in force"
        value={timeInForce}
        onChange={(value) => setTimeInForce(value as TimeInForce | 'default')}
        testId="ticket-tif"
      >
        <option value="default">{type === 'market' ? 'IOC (default)' : 'GTC (default)'}</option>
        {TIME_IN_FORCE[type].slice(1).map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </SelectField>
      <TextField label="Quantity" value={quantity} onChange={setQuantity} testId="ticket-qty" />
      <TextField
        label="Price"
        value={price}
        disabled={type === 'market'}
        placeholder={type === 'market' ? 'market' : 'limit price'}
        onChange={setPrice}
        testId="ticket-price"
      />
      <button
        type="submit"
        className={`primary ${side}`}
        disabled={busy || !symbol}
        data-testid="ticket-submit"
      >
        {busy ? 'Sending…' : `${side === 'buy' ? 'Buy' : 'Sell'} ${quantity} ${symbol ?? ''}`}
      </button>
      {result && (
        <div className={result.ok ? 'ticket-result ok' : 'ticket-result bad'} data-testid="ticket-result">
          {result.text}
        </div>
      )}
    </form>
  );
}
