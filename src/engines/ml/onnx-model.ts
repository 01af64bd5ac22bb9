import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import { NautilusError } from '../../core/errors.ts';

/** A user-trained model: one float32 input [N, k], one output whose first column is the prediction. */
export interface OnnxModelSpec {
  name: string;
  path: string;
  /** Feature names in the model's input column order. */
  features: readonly string[];
  /** Input and output tensor names; default the model's first. */
  input?: string | undefined;
  output?: string | undefined;
}

export interface LoadedOnnx {
  session: ort.InferenceSession;
  input: string;
  output: string;
}

const fail = (spec: OnnxModelSpec, problem: string, cause?: unknown) =>
  new NautilusError('CONFIG_INVALID', `onnx model "${spec.name}" (${spec.path}): ${problem}`, { cause });

/**
 * Reads and checks a model: the file exists, onnxruntime accepts it, the named tensors exist and the
 * input's last dimension (when fixed) equals the number of configured features.
 */
export async function loadOnnx(spec: OnnxModelSpec): Promise<LoadedOnnx> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(spec.path);
  } catch (error) {
    throw fail(spec, `cannot read the file: ${(error as Error).message}`, error);
  }
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes);
  } catch (error) {
    throw fail(spec, `not a loadable ONNX model: ${(error as Error).message}`, error);
  }
  const input = spec.input ?? session.inputNames[0];
  const output = spec.output ?? session.outputNames[0];
  if (!input || !session.inputNames.includes(input))
    throw fail(spec, `no input "${input}" (inputs: ${session.inputNames.join(', ')})`);
  if (!output || !session.outputNames.includes(output))
    throw fail(spec, `no output "${output}" (outputs: ${session.outputNames.join(', ')})`);
  const metadata = session.inputMetadata.find((m) => m.name === input);
  const width = metadata?.isTensor ? metadata.shape.at(-1) : undefined;
  if (typeof width === 'number' && width !== spec.features.length)
    throw fail(
      spec,
      `input "${input}" takes ${width} columns but ${spec.features.length} features are configured`,
    );
  return { session, input, output };
}

/** Runs `n` rows of `k` columns (row-major) and returns the first output column of each row. */
export async function runOnnx(
  model: LoadedOnnx,
  rows: Float32Array,
  n: number,
  k: number,
): Promise<Float32Array> {
  const result = await model.session.run({ [model.input]: new ort.Tensor('float32', rows, [n, k]) });
  const tensor = result[model.output]!;
  const data = tensor.data as Float32Array;
  const width = data.length / n;
  if (width === 1) return data;
  const first = new Float32Array(n);
  for (let i = 0; i < n; i++) first[i] = data[i * width]!;
  return first;
}
