/** Classifies Redis and client errors so each caller reacts the same way. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function isNoGroup(error: unknown): boolean {
  return errorText(error).startsWith('NOGROUP');
}

export function isBusyGroup(error: unknown): boolean {
  return errorText(error).startsWith('BUSYGROUP');
}

export function isNoScript(error: unknown): boolean {
  return errorText(error).startsWith('NOSCRIPT');
}

export function isLoading(error: unknown): boolean {
  return errorText(error).startsWith('LOADING');
}

/** Anything that is not a reply from Redis: the socket is gone or the client is offline/closed. */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const name = error.constructor?.name ?? '';
  if (
    [
      'ClientOfflineError',
      'ClientClosedError',
      'SocketClosedUnexpectedlyError',
      'DisconnectsClientError',
    ].includes(name)
  ) {
    return true;
  }
  const code = (error as NodeJS.ErrnoException).code;
  return (
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    /closed|offline|ECONN/i.test(error.message)
  );
}
