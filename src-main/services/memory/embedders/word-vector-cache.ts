import { open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';

/**
 * Word vectors in the compact form the offline embedder loads: the `count` most frequent words, each as `dimension`
 * int8 numbers times a per-word scale, with its frequency rank in the source (0 = most frequent).
 */
export interface WordVectors {
  dimension: number;
  words: string[];
  /** Rank of each word in the source's frequency order (gaps where punctuation tokens were skipped). */
  ranks: Uint32Array;
  /** Word `i`'s vector is `data[i * dimension + k] * scales[i]`. */
  scales: Float32Array;
  data: Int8Array;
}

const MAGIC = 'OPRWVEC1';
const HEADER_BYTES = 24; // magic (8), count, dimension, words byte length, reserved

/** A token the embedder can look up: letters and digits only (the tokenizer never yields anything else). */
export const WORD = /^[\p{L}\p{N}]+$/u;

/**
 * Reads the first `maxWords` word entries of a wink-embeddings JSON file (`{"words":[…],"vectors":{"the":[v1…vD, norm,
 * rank],…}}`, in frequency order), skipping punctuation, without parsing the whole file: the file is ~300 MB and
 * `JSON.parse` on it takes about a gigabyte, while the entries kept sit in its first tenth. `onProgress` gets the words
 * kept so far after each 4 MB read.
 */
export async function readWinkVectors(
  sourcePath: string,
  maxWords: number,
  onProgress?: (wordsKept: number) => void,
): Promise<WordVectors> {
  const file = await open(sourcePath, 'r');
  try {
    const decoder = new StringDecoder('utf8');
    const chunk = Buffer.alloc(4 * 1024 * 1024);
    const entry = /"((?:[^"\\]|\\.)*)":\[([-0-9.eE,]+)\]/g;
    let text = '';
    let inVectors = false;
    let dimension = 0;
    const words: string[] = [];
    const ranks: number[] = [];
    const vectors: Float32Array[] = [];
    while (words.length < maxWords) {
      const { bytesRead } = await file.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      text += decoder.write(chunk.subarray(0, bytesRead));
      if (!inVectors) {
        const start = text.indexOf('"vectors":{');
        if (start === -1) {
          text = text.slice(-16); // the marker may straddle two chunks
          continue;
        }
        text = text.slice(start + '"vectors":{'.length);
        inVectors = true;
      }
      entry.lastIndex = 0;
      let consumed = 0;
      for (let match = entry.exec(text); match !== null && words.length < maxWords; match = entry.exec(text)) {
        consumed = entry.lastIndex;
        const word = JSON.parse(`"${match[1] ?? ''}"`) as string;
        const numbers = (match[2] ?? '').split(',').map(Number);
        if (dimension === 0) dimension = numbers.length - 2;
        if (numbers.length !== dimension + 2)
          throw new Error(`the entry for "${word}" has ${numbers.length - 2} numbers, not ${dimension}`);
        if (!WORD.test(word)) continue;
        words.push(word);
        ranks.push(numbers[dimension + 1] ?? 0);
        vectors.push(Float32Array.from(numbers.slice(0, dimension)));
      }
      text = text.slice(consumed);
      onProgress?.(words.length);
    }
    if (words.length === 0) throw new Error('no word vectors found (expected a "vectors" object of word → numbers)');
    return quantise(words, Uint32Array.from(ranks), vectors, dimension);
  } finally {
    await file.close();
  }
}

/** int8 per word, scaled by the word's largest absolute value: 1/4 of float32, and ~1% error per number. */
function quantise(words: string[], ranks: Uint32Array, vectors: Float32Array[], dimension: number): WordVectors {
  const scales = new Float32Array(words.length);
  const data = new Int8Array(words.length * dimension);
  vectors.forEach((vector, row) => {
    let max = 0;
    for (const value of vector) max = Math.max(max, Math.abs(value));
    const scale = max === 0 ? 1 : max / 127;
    scales[row] = scale;
    for (let k = 0; k < dimension; k++) data[row * dimension + k] = Math.round((vector[k] ?? 0) / scale);
  });
  return { dimension, words, ranks, scales, data };
}

/** Writes the cache file atomically (a temporary file renamed into place), so a crash leaves no half-written cache. */
export async function writeWordVectorCache(cachePath: string, vectors: WordVectors): Promise<void> {
  const wordBytes = Buffer.from(vectors.words.join('\n'), 'utf8');
  const count = vectors.words.length;
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt32LE(count, 8);
  header.writeUInt32LE(vectors.dimension, 12);
  header.writeUInt32LE(wordBytes.length, 16);
  const body = Buffer.concat([
    header,
    Buffer.from(vectors.scales.buffer, vectors.scales.byteOffset, vectors.scales.byteLength),
    Buffer.from(vectors.ranks.buffer, vectors.ranks.byteOffset, vectors.ranks.byteLength),
    Buffer.from(vectors.data.buffer, vectors.data.byteOffset, vectors.data.byteLength),
    wordBytes,
  ]);
  const temporary = `${cachePath}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(temporary, body);
    await rename(temporary, cachePath);
  } finally {
    await rm(temporary, { force: true });
  }
}

/** Reads a cache file written by {@link writeWordVectorCache}; undefined when it is missing, truncated or not one. */
export async function readWordVectorCache(cachePath: string): Promise<WordVectors | undefined> {
  let file: Buffer;
  try {
    file = await readFile(cachePath);
  } catch {
    return undefined;
  }
  if (file.length < HEADER_BYTES || file.toString('latin1', 0, 8) !== MAGIC) return undefined;
  const count = file.readUInt32LE(8);
  const dimension = file.readUInt32LE(12);
  const wordByteLength = file.readUInt32LE(16);
  const scalesAt = HEADER_BYTES;
  const ranksAt = scalesAt + count * 4;
  const dataAt = ranksAt + count * 4;
  const wordsAt = dataAt + count * dimension;
  if (dimension === 0 || file.length !== wordsAt + wordByteLength) return undefined;
  // Copies, so the typed arrays are aligned whatever the Buffer's offset in its pool.
  const scales = new Float32Array(file.buffer.slice(file.byteOffset + scalesAt, file.byteOffset + ranksAt));
  const ranks = new Uint32Array(file.buffer.slice(file.byteOffset + ranksAt, file.byteOffset + dataAt));
  const data = new Int8Array(file.buffer.slice(file.byteOffset + dataAt, file.byteOffset + wordsAt));
  const words = file.toString('utf8', wordsAt).split('\n');
  if (words.length !== count) return undefined;
  return { dimension, words, ranks, scales, data };
}
