import { useEffect, useMemo, useState } from 'react';
import { ApiClient } from './api/api-client.ts';
import { storedApiKey } from './api/api-key.ts';
import { LiveSocket, socketUrl } from './api/live-socket.ts';
import { type Platform, PlatformContext } from './api/platform-context.tsx';
import { loadRuntimeConfig, type RuntimeConfig } from './api/runtime-config.ts';
import { TopBar } from './components/top-bar.tsx';
import { PageView } from './pages/page-view.tsx';
import { useHashRoute } from './use-hash-route.ts';

export function App() {
  const page = useHashRoute();
  const [config, setConfig] = useState<RuntimeConfig | null>(null);
  const [configError, setConfigError] = useState<string | null>(null);
  const [apiKey, setApiKey] = useState(storedApiKey);

  useEffect(() => {
    loadRuntimeConfig().then(setConfig, (error: Error) => setConfigError(error.message));
  }, []);

  const platform = useMemo<Platform | null>(() => {
    if (!config) return null;
    return {
      api: config.apiUrl === null ? null : new ApiClient(config.apiUrl, apiKey),
      live: new LiveSocket(socketUrl(config.wsUrl, apiKey)),
    };
  }, [config, apiKey]);

  useEffect(() => () => platform?.live.close(), [platform]);

  if (!platform)
    return (
      <div className="boot" data-testid="boot">
        {configError ? `Cannot load config.json: ${configError}` : 'Loading…'}
      </div>
    );
  return (
    <PlatformContext.Provider value={platform}>
      <div className="shell">
        <TopBar page={page} apiKey={apiKey} onApiKey={setApiKey} />
        <main className="content" data-testid={`page-${page}`}>
          {platform.api ? (
            <PageView page={page} />
          ) : (
            <div className="error-note" data-testid="no-api">
              This host serves no API engine (config.json apiUrl is null): start the api engine.
            </div>
          )}
        </main>
      </div>
    </PlatformContext.Provider>
  );
}
