import { createContext, useContext } from 'react';
import type { ApiClient } from './api-client.ts';
import type { LiveSocket } from './live-socket.ts';

export interface Platform {
  /** Null when the host serves no API engine (config.json apiUrl is null). */
  api: ApiClient | null;
  live: LiveSocket;
}

export const PlatformContext = createContext<Platform | null>(null);

export function usePlatform(): Platform {
  const platform = useContext(PlatformContext);
  if (!platform) throw new Error('usePlatform outside PlatformContext');
  return platform;
}
