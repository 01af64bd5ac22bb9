import { useState } from 'react';
import { usePlatform } from '../../api/platform-context.tsx';

const STATES = ['ACTIVE', 'REDUCING', 'HALTED'] as const;

/** Admin buttons: PUT /api/risk/trading-state (the API refuses them without the admin role). */
export function TradingStateControls(props: {
  state: { state: string; reason: string } | null;
  onChanged: () => void;
}) {
  const { api } = usePlatform();
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const change = async (state: string) => {
    try {
      await api?.put('/api/risk/trading-state', { state, reason: reason || `set from the dashboard` });
      setMessage(`requested ${state}`);
      props.onChanged();
    } catch (error) {
      setMessage((error as Error).message);
    }
  };
  return (
    <div className="state-controls">
      <div className="muted" data-testid="trading-state-reason">
        {props.state ? `${props.state.state}: ${props.state.reason}` : 'No trading state reported yet'}
      </div>
      <input
        placeholder="reason"
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        data-testid="trading-state-reason-input"
      />
      <div className="button-row">
        {STATES.map((state) => (
          <button
            key={state}
            type="button"
            className={props.state?.state === state ? 'active' : ''}
            onClick={() => change(state)}
            data-testid={`set-state-${state}`}
          >
            {state}
          </button>
        ))}
      </div>
      {message && (
        <div className="muted" data-testid="trading-state-message">
          {message}
        </div>
      )}
    </div>
  );
}
