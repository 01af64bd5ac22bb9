import { useState } from 'react';
import { storeApiKey } from '../api/api-key.ts';

/** The key is kept in localStorage and sent as x-api-key (REST) and ?key= (WebSocket). */
export function ApiKeyField(props: { apiKey: string; onApiKey: (key: string) => void }) {
  const [draft, setDraft] = useState(props.apiKey);
  const apply = () => {
    storeApiKey(draft.trim());
    props.onApiKey(draft.trim());
  };
  return (
    <form
      className="api-key"
      onSubmit={(event) => {
        event.preventDefault();
        apply();
      }}
    >
      <input
        type="password"
        placeholder="API key (none: local)"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        data-testid="api-key-input"
      />
      <button type="submit" data-testid="api-key-save">
        Use
      </button>
    </form>
  );
}
