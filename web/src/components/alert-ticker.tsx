import { useCallback, useState } from 'react';
import type { LiveMessage } from '../api/live-socket.ts';
import { useLive } from '../api/use-live.ts';
import { fmtTime } from './format.ts';

interface TickerAlert {
  topic: string;
  text: string;
  tsNs: string;
}

/** Alerts pushed by the WebSocket engine: never conflated there, so each one is counted here. */
function describe(message: LiveMessage): TickerAlert {
  const payload = (message.payload ?? {}) as Record<string, unknown>;
  const text =
    typeof payload.message === 'string'
      ? payload.message
      : `${message.topic}${typeof payload.symbol === 'string' ? ` ${payload.symbol}` : ''}`;
  return { topic: message.topic, text, tsNs: message.eventTimeNs };
}

export function AlertTicker() {
  const [last, setLast] = useState<TickerAlert | null>(null);
  const [count, setCount] = useState(0);
  const onAlert = useCallback((message: LiveMessage) => {
    setLast(describe(message));
    setCount((seen) => seen + 1);
  }, []);
  useLive('toxicity.alert.*', onAlert);
  useLive('margin.alert.*', onAlert);
  useLive('risk.alert.*', onAlert);
  return (
    <a className={`alert-ticker ${count > 0 ? 'has-alerts' : ''}`} href="#/risk" data-testid="alert-ticker">
      <span className="alert-count" data-testid="alert-count">
        {count}
      </span>
      <span className="ellipsis" title={last?.text}>
        {last ? `${fmtTime(last.tsNs)} ${last.text}` : 'no live alerts'}
      </span>
    </a>
  );
}
