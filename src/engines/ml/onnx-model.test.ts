import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linearOnnxModel } from '../../signals/ml/fixtures/linear-onnx.ts';
import { loadOnnx, runOnnx } from './onnx-model.ts';

// Dyadic weights and inputs: every product and partial sum is exact in float32, so the model's
// output must equal x·W + b bit for bit whatever order onnxruntime sums in.
const W = [
  [0.5, 2],
  [-1.25, 0.25],
  [2, -3],
];
const B = [0.125, -1];
let dir: string;
let path: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nautilus-onnx-'));
  path = join(dir, 'linear.onnx');
  await writeFile(path, linearOnnxModel(W, B));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('ONNX inference', () => {
  it('runs a hand-built linear model and equals x·W + b exactly in float32', async () => {
    const model = await loadOnnx({ name: 'lin', path, features: ['a', 'b', 'c'] });
    const rows = Float32Array.from([1, 2, -3, 0.25, 4, 1]);
    const full = await model.session.run({ x: new ort.Tensor('float32', rows, [2, 3]) });
    // Row 1: [1, 2, −3]·W + b = [0.5 − 2.5 − 6 + 0.125, 2 + 0.5 + 9 − 1] = [−7.875, 10.5].
    // Row 2: [0.25, 4, 1]·W + b = [0.125 − 5 + 2 + 0.125, 0.5 + 1 − 3 − 1] = [−2.75, −2.5].
    expect([...(full.y!.data as Float32Array)]).toEqual([-7.875, 10.5, -2.75, -2.5]);
    expect([...(await runOnnx(model, rows, 2, 3))]).toEqual([-7.875, -2.75]);
  });

  it('says which file is missing', async () => {
    await expect(loadOnnx({ name: 'gone', path: join(dir, 'nope.onnx'), features: ['a'] })).rejects.toThrow(
      /onnx model "gone" \(.*nope\.onnx\): cannot read the file: ENOENT/,
    );
  });

  it('says a file is not a model', async () => {
    const junk = join(dir, 'junk.onnx');
    await writeFile(junk, 'not protobuf at all');
    await expect(loadOnnx({ name: 'junk', path: junk, features: ['a'] })).rejects.toThrow(
      /onnx model "junk" .*: not a loadable ONNX model/,
    );
  });

  it('refuses a feature list that does not fit the input width', async () => {
    await expect(loadOnnx({ name: 'lin', path, features: ['a', 'b'] })).rejects.toThrow(
      /input "x" takes 3 columns but 2 features are configured/,
    );
    await expect(loadOnnx({ name: 'lin', path, features: ['a', 'b', 'c'], output: 'z' })).rejects.toThrow(
      /no output "z" \(outputs: y\)/,
    );
  });
});
