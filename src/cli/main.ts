import { runCli } from './program.ts';

const code = await runCli(process.argv);
// Exit explicitly once stdout has drained: a failed start must not linger on a reconnecting client.
process.stdout.write('', () => process.exit(code));
