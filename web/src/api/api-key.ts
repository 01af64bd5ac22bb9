const STORAGE_KEY = 'nautilus.apiKey';

/** The API key the user typed, kept in localStorage (empty: no keys configured, loopback access). */
export function storedApiKey(): string {
  return localStorage.getItem(STORAGE_KEY) ?? '';
}

export function storeApiKey(key: string): void {
  if (key === '') localStorage.removeItem(STORAGE_KEY);
  else localStorage.setItem(STORAGE_KEY, key);
}
