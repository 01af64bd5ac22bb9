import { useCallback, useEffect, useRef, useState } from 'react';
import { usePlatform } from './platform-context.tsx';

export interface Polled<T> {
  data: T | null;
  error: string | null;
  /** Reloads now (after a user action), without waiting for the next tick. */
  refresh: () => void;
}

/** GETs `path` now and every `intervalMs` while mounted; the last good data stays on an error. */
export function usePoll<T>(path: string | null, intervalMs: number): Polled<T> {
  const { api } = usePlatform();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);

  const load = useCallback(async () => {
    if (!api || path === null) return;
    const mine = generation.current;
    try {
      const result = await api.get<T>(path);
      if (mine !== generation.current) return;
      setData(result);
      setError(null);
    } catch (failure) {
      if (mine === generation.current) setError((failure as Error).message);
    }
  }, [api, path]);

  useEffect(() => {
    generation.current += 1;
    setData(null);
    void load();
    const timer = setInterval(() => void load(), intervalMs);
    return () => {
      generation.current += 1;
      clearInterval(timer);
    };
  }, [load, intervalMs]);

  return { data, error, refresh: () => void load() };
}
