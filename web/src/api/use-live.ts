import { useEffect, useState } from 'react';
import type { LiveMessage, SocketState } from './live-socket.ts';
import { usePlatform } from './platform-context.tsx';

/** Calls `onMessage` for each WebSocket message of `pattern` while mounted. */
export function useLive(pattern: string | null, onMessage: (message: LiveMessage) => void): void {
  const { live } = usePlatform();
  useEffect(() => {
    if (pattern === null) return;
    return live.subscribe(pattern, onMessage);
  }, [live, pattern, onMessage]);
}

export function useSocketState(): SocketState {
  const { live } = usePlatform();
  const [state, setState] = useState(live.state);
  useEffect(() => live.onState(setState), [live]);
  return state;
}
