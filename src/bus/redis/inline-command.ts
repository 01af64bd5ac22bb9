import { connect } from 'node:net';

/**
 * Sends one inline command (`PING`, `SHUTDOWN`) to a local Redis over a bare socket and resolves
 * with the first reply line, or null when nothing answers in time or the connection closes first:
 * for starting and stopping servers, where a client library would retry or throw.
 */
export function redisInlineCommand(port: number, command: string, timeoutMs = 2_000): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let buffer = '';
    const done = (reply: string | null) => {
      socket.destroy();
      resolve(reply);
    };
    socket.setTimeout(timeoutMs, () => done(null));
    socket.once('error', () => done(null));
    socket.once('close', () => done(null));
    socket.once('connect', () => socket.write(`${command}\r\n`));
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      const end = buffer.indexOf('\r\n');
      if (end >= 0) done(buffer.slice(0, end));
    });
  });
}
