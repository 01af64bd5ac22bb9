import type { ReactNode } from 'react';

export function Panel(props: { title: string; testId?: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="panel" data-testid={props.testId}>
      <header className="panel-head">
        <h2>{props.title}</h2>
        {props.actions}
      </header>
      <div className="panel-body">{props.children}</div>
    </section>
  );
}

export function ErrorNote(props: { error: string | null }) {
  return props.error ? (
    <div className="error-note" data-testid="error-note">
      {props.error}
    </div>
  ) : null;
}

export function Empty(props: { children: ReactNode; testId?: string }) {
  return (
    <div className="empty" data-testid={props.testId}>
      {props.children}
    </div>
  );
}
