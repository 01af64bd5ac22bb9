import { useEffect, useState } from 'react';

export const PAGES = [
  { id: 'overview', title: 'Overview' },
  { id: 'market', title: 'Market' },
  { id: 'portfolio', title: 'Portfolio' },
  { id: 'risk', title: 'Risk' },
  { id: 'vpin', title: 'VPIN' },
  { id: 'factors', title: 'Factors' },
  { id: 'backtests', title: 'Backtests' },
  { id: 'bus', title: 'Bus' },
] as const;

export type PageId = (typeof PAGES)[number]['id'];

function current(): PageId {
  const id = window.location.hash.replace(/^#\/?/, '').split('/')[0];
  return PAGES.find((page) => page.id === id)?.id ?? 'overview';
}

/** `#/market` style routing: no router dependency, and reloads keep the page. */
export function useHashRoute(): PageId {
  const [page, setPage] = useState(current);
  useEffect(() => {
    const onChange = () => setPage(current());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return page;
}
