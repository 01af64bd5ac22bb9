import { useEffect, useState } from 'react';
import { usePlatform } from '../api/platform-context.tsx';
import { useSocketState } from '../api/use-live.ts';

const API_CHECK_MS = 2000;

/** REST reachability (GET /api/engines) and the WebSocket state, side by side. */
export function ConnectionBadge() {
  const { api } = usePlatform();
  const socket = useSocketState();
  const [rest, setRest] = useState<'ok' | 'down' | 'unknown'>('unknown');

  useEffect(() => {
    if (!api) return;
    let alive = true;
    const check = () =>
      api.get('/api/engines').then(
        () => alive && setRest('ok'),
        () => alive && setRest('down'),
      );
    void check();
    const timer = setInterval(check, API_CHECK_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [api]);

  return (
    <div className="connection">
      <span className={`dot ${rest === 'ok' ? 'ok' : rest === 'down' ? 'bad' : ''}`} />
      <span data-testid="api-state">API {api ? rest : 'none'}</span>
      <span className={`dot ${socket === 'open' ? 'ok' : socket === 'connecting' ? '' : 'bad'}`} />
      <span data-testid="ws-state">WS {socket}</span>
    </div>
  );
}
