import { z } from 'zod';

/** The `store` section of the config: where Nautilus keeps its state and history. */
export const storeConfigSchema = z
  .strictObject({
    url: z
      .string()
      .regex(
        /^(pglite(:.+)?|postgres(ql)?:\/\/.+)$/,
        'expected "pglite", "pglite:<dir>" or a postgres:// URL',
      )
      .default('pglite')
      .describe(
        'Database: "pglite" (embedded, file under <dataDir>/pglite, one process at a time), "pglite:<dir>", or a postgres:// URL',
      ),
    password: z
      .string()
      .optional()
      .describe(
        'PostgreSQL password when the URL carries none (set it by env NAUTILUS_STORE__PASSWORD; never logged or shown)',
      ),
    passwordFile: z
      .string()
      .min(1)
      .optional()
      .describe('File holding the PostgreSQL password (e.g. a mounted secret), instead of store.password'),
    poolSize: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(10)
      .describe("PostgreSQL: connections in this process's pool"),
    partitionDaysAhead: z
      .number()
      .int()
      .min(0)
      .max(365)
      .default(7)
      .describe(
        'Daily time-series partitions created ahead at start (rows beyond land in a default partition)',
      ),
  })
  .prefault({});

export type StoreConfig = z.output<typeof storeConfigSchema>;
