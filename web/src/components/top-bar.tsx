import { PAGES, type PageId } from '../use-hash-route.ts';
import { AlertTicker } from './alert-ticker.tsx';
import { ApiKeyField } from './api-key-field.tsx';
import { ConnectionBadge } from './connection-badge.tsx';

export function TopBar(props: { page: PageId; apiKey: string; onApiKey: (key: string) => void }) {
  return (
    <header className="top-bar">
      <div className="brand">NAUTILUS</div>
      <nav className="nav" data-testid="nav">
        {PAGES.map((page) => (
          <a
            key={page.id}
            href={`#/${page.id}`}
            className={page.id === props.page ? 'active' : ''}
            data-testid={`nav-${page.id}`}
          >
            {page.title}
          </a>
        ))}
      </nav>
      <div className="top-right">
        <AlertTicker />
        <ConnectionBadge />
        <ApiKeyField apiKey={props.apiKey} onApiKey={props.onApiKey} />
      </div>
    </header>
  );
}
