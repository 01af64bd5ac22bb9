/** Where the API and the WebSocket engine are: served by the dashboard host as /config.json. */
export interface RuntimeConfig {
  apiUrl: string | null;
  wsUrl: string | null;
}

export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  const response = await fetch('config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  return (await response.json()) as RuntimeConfig;
}
