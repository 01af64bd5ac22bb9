import { z } from 'zod';
import { topics } from '../../domain/topics.ts';
import { defineManifest } from '../manifest.ts';

const modelName = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only (it becomes a topic segment)');

const onlineModelSchema = z.strictObject({
  name: modelName,
  kind: z.enum(['rls', 'sgd-ridge', 'sgd-logistic']),
  learningRate: z.number().positive().default(0.01),
  l2: z.number().nonnegative().default(1e-4),
  forgetting: z.number().gt(0).max(1).default(0.995),
  delta: z.number().positive().default(1),
});

const onnxModelSchema = z.strictObject({
  name: modelName,
  path: z.string().min(1),
  features: z.array(z.string().min(1)).min(1),
  task: z.enum(['regression', 'classification']).default('regression'),
  input: z.string().min(1).optional(),
  output: z.string().min(1).optional(),
});

const DEFAULT_MODELS: z.output<typeof onlineModelSchema>[] = [
  { name: 'rls-return', kind: 'rls', learningRate: 0.01, l2: 1e-4, forgetting: 0.995, delta: 1 },
  {
    name: 'logit-direction',
    kind: 'sgd-logistic',
    learningRate: 0.01,
    l2: 1e-4,
    forgetting: 0.995,
    delta: 1,
  },
];

export const mlConfigSchema = z
  .strictObject({
    barSpec: z
      .string()
      .min(1)
      .default('1m')
      .describe('Bars whose closes label predictions with the next-bar return (match the features engine)'),
    models: z
      .array(onlineModelSchema)
      .default(DEFAULT_MODELS)
      .describe(
        'Online models, one instance per symbol: [{name, kind: rls|sgd-ridge|sgd-logistic, learningRate?, l2?, forgetting?, delta?}]',
      ),
    onnxModels: z
      .array(onnxModelSchema)
      .default([])
      .describe(
        'User-trained ONNX models: [{name, path, features: [input columns in order], task?: regression|classification, input?, output?}]',
      ),
    maxFeatures: z.number().int().positive().default(64).describe('Features per symbol fed to online models'),
    trainBatch: z
      .number()
      .int()
      .positive()
      .default(5)
      .describe('Labelled samples per training batch; model.training.complete follows each batch'),
    workerThreshold: z
      .number()
      .int()
      .positive()
      .default(1024)
      .describe('Batches (training samples or POST /predict ONNX rows) this large run on a worker thread'),
    metricsWindow: z
      .number()
      .int()
      .positive()
      .default(500)
      .describe('Walk-forward samples in the rolling metrics'),
  })
  .superRefine((config, ctx) => {
    // A name is a topic segment and a route parameter: two models may not share one.
    const seen = new Set<string>();
    for (const [list, models] of [
      ['models', config.models],
      ['onnxModels', config.onnxModels],
    ] as const) {
      models.forEach((model, i) => {
        if (seen.has(model.name))
          ctx.addIssue({
            code: 'custom',
            path: [list, i, 'name'],
            message: `model name "${model.name}" is taken`,
          });
        seen.add(model.name);
      });
    }
  });

export type MlConfig = z.output<typeof mlConfigSchema>;
export type OnlineModelConfig = z.output<typeof onlineModelSchema>;
export type OnnxModelConfig = z.output<typeof onnxModelSchema>;

export const mlManifest = defineManifest({
  name: 'ml',
  title: 'Machine learning',
  description:
    'Online models and ONNX inference on features: predictions with confidence, walk-forward metrics.',
  defaultPort: 8400,
  // Beyond the table: bars label predictions with the next-bar return.
  subscribes: [
    topics.pattern('vpin'),
    topics.pattern('risk'),
    topics.pattern('strategy'),
    topics.pattern('analytics'),
    topics.pattern('feature'),
    topics.pattern('market_data.bar'),
  ],
  publishes: [topics.pattern('ml.prediction'), topics.pattern('model.training.complete')],
  configSchema: mlConfigSchema,
  implemented: true,
});
