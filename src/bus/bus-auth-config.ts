import { z } from 'zod';

/** `bus.auth`: Ed25519-signed requests to privileged endpoints (see bus-auth.ts). */
export const busAuthConfigSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(false)
      .describe('Verify signed requests: endpoints that require a role refuse others with FORBIDDEN'),
    principal: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'expected 1-64 characters of A-Z a-z 0-9 _ . -')
      .optional()
      .describe("This process's principal: the name its requests are signed as (listed in principalsFile)"),
    keyFile: z
      .string()
      .min(1)
      .optional()
      .describe("PEM file with this process's Ed25519 private key (nautilus security keygen makes one)"),
    secretKey: z
      .string()
      .min(1)
      .optional()
      .describe(
        'The private key PEM itself, instead of keyFile (e.g. from env NAUTILUS_BUS__AUTH__SECRET_KEY)',
      ),
    principalsFile: z
      .string()
      .min(1)
      .optional()
      .describe('JSON/YAML file: {<principal>: {publicKey: PEM, roles: [...]}}; needed to verify requests'),
    maxSkewMs: z
      .number()
      .int()
      .positive()
      .default(30_000)
      .describe(
        'Signed requests older (or further ahead) than this are refused; replays inside it are remembered',
      ),
  })
  .prefault({});

export type BusAuthConfig = z.output<typeof busAuthConfigSchema>;
