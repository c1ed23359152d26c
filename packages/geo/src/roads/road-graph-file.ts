/**
 * One binary file for a {@link RoadGraph} and, optionally, its {@link ContractionHierarchy}.
 * Loading creates typed-array views on the file's buffer (no copy, no parse), so a city graph
 * loads in about a millisecond and a large one costs little more than reading the bytes.
 *
 * Layout (little-endian; every section starts at a multiple of 8 bytes):
 * ```
 *   0  magic        8 bytes  "O2ORGRF\0"
 *   8  version      u32      ROAD_GRAPH_FILE_VERSION (1)
 *  12  headerBytes  u32      bytes before the first section (fixed header + section table + profile)
 *  16  fileBytes    f64      total file length
 *  24  checksum     u32      CRC-32 of the whole file with these 4 bytes taken as zero
 *  28  flags        u32      bit 0: a contraction hierarchy is stored
 *  32  numVertices  u32
 *  36  numArcs      u32
 *  40  numGeomPoints u32
 *  44  chUpArcs     u32      (0 without CH)
 *  48  chDownArcs   u32      (0 without CH)
 *  52  sectionCount u32
 *  56  profileBytes u32      UTF-8 length of the profile name
 *  60  reserved     u32      0
 *  64  section table: sectionCount × { id u32, elementType u32, byteOffset f64, elementCount f64 }
 *      profile name (UTF-8), zero-padded to 8 bytes
 *      sections (typed-array bytes), each zero-padded to 8 bytes
 * ```
 * Element types: 1 = Uint8, 2 = Uint32, 3 = Int32, 4 = Float64. A reader checks magic, version,
 * length, checksum, and that every section exists with its expected type, length and bounds.
 * Errors are {@link RoadGraphFileError} with a stable code per problem.
 */
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { GeoError } from '../errors.js';
import type { ContractionHierarchy } from './ch/contraction-hierarchy.js';
import { assertRoadGraph, type RoadGraph } from './road-graph.js';

/** The magic bytes at the start of every road graph file. */
export const ROAD_GRAPH_FILE_MAGIC = 'O2ORGRF\0';
/** The format version this code writes and reads. */
export const ROAD_GRAPH_FILE_VERSION = 1;

/** Stable codes of {@link RoadGraphFileError}. */
export type RoadGraphFileErrorCode =
  /** The bytes do not start with the magic: not a road graph file. */
  | 'GEO_GRAPH_FILE_MAGIC'
  /** Written by another format version. */
  | 'GEO_GRAPH_FILE_VERSION'
  /** Shorter than its header says (an interrupted copy or download). */
  | 'GEO_GRAPH_FILE_TRUNCATED'
  /** The checksum does not match: bytes changed after writing. */
  | 'GEO_GRAPH_FILE_CHECKSUM'
  /** Structurally inconsistent: a section missing, mistyped, out of bounds, or a graph invariant broken. */
  | 'GEO_GRAPH_FILE_CORRUPT'
  /** The graph or CH given to the writer is inconsistent (bad lengths). */
  | 'GEO_GRAPH_FILE_INPUT'
  /** This machine is big-endian; the file's little-endian views cannot be used as is. */
  | 'GEO_GRAPH_FILE_PLATFORM';

/** A road graph file could not be written or read; `code` says why. */
export class RoadGraphFileError extends GeoError {
  constructor(code: RoadGraphFileErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** What a road graph file holds. */
export interface RoadGraphFileContents {
  readonly graph: RoadGraph;
  /** The contraction hierarchy, when one was saved. */
  readonly ch?: ContractionHierarchy;
}

/** Options of {@link deserializeRoadGraph}. */
export interface DeserializeRoadGraphOptions {
  /** Verify the CRC-32 of the whole file (about 1 ms per 2 MB). Default true. */
  readonly verifyChecksum?: boolean;
  /** Run {@link assertRoadGraph} on the result (O(V + A)). Default true. */
  readonly validate?: boolean;
}

const HEADER_BYTES = 64;
const SECTION_ENTRY_BYTES = 24;
const CHECKSUM_OFFSET = 24;
const FLAG_CH = 1;

type ElementType = 1 | 2 | 3 | 4;
type AnyTypedArray = Uint8Array | Uint32Array | Int32Array | Float64Array;
const BYTES_PER_ELEMENT: Readonly<Record<ElementType, number>> = { 1: 1, 2: 4, 3: 4, 4: 8 };
const TYPE_NAME: Readonly<Record<ElementType, string>> = { 1: 'Uint8Array', 2: 'Uint32Array', 3: 'Int32Array', 4: 'Float64Array' };

/** Section ids (part of the format: never renumber). */
interface SectionSpec {
  readonly id: number;
  readonly name: string;
  readonly type: ElementType;
}
const GRAPH_SECTIONS: readonly SectionSpec[] = [
  { id: 1, name: 'vertexLng', type: 4 },
  { id: 2, name: 'vertexLat', type: 4 },
  { id: 3, name: 'firstOut', type: 2 },
  { id: 4, name: 'head', type: 2 },
  { id: 5, name: 'durationMs', type: 2 },
  { id: 6, name: 'lengthCm', type: 2 },
  { id: 7, name: 'roadClass', type: 1 },
  { id: 8, name: 'wayId', type: 4 },
  { id: 9, name: 'geomFirst', type: 2 },
  { id: 10, name: 'geomLng', type: 4 },
  { id: 11, name: 'geomLat', type: 4 },
];
const CH_SECTIONS: readonly SectionSpec[] = [
  { id: 32, name: 'rank', type: 2 },
  { id: 33, name: 'order', type: 2 },
  { id: 34, name: 'upFirst', type: 2 },
  { id: 35, name: 'upHead', type: 2 },
  { id: 36, name: 'upDurationMs', type: 2 },
  { id: 37, name: 'upLengthCm', type: 2 },
  { id: 38, name: 'upVia', type: 3 },
  { id: 39, name: 'downFirst', type: 2 },
  { id: 40, name: 'downTail', type: 2 },
  { id: 41, name: 'downDurationMs', type: 2 },
  { id: 42, name: 'downLengthCm', type: 2 },
  { id: 43, name: 'downVia', type: 3 },
];

/** Element counts each section must have, from the header counts. */
function expectedLengths(n: number, m: number, g: number, up: number, down: number): Readonly<Record<string, number>> {
  return {
    vertexLng: n,
    vertexLat: n,
    firstOut: n + 1,
    head: m,
    durationMs: m,
    lengthCm: m,
    roadClass: m,
    wayId: m,
    geomFirst: m + 1,
    geomLng: g,
    geomLat: g,
    rank: n,
    order: n,
    upFirst: n + 1,
    upHead: up,
    upDurationMs: up,
    upLengthCm: up,
    upVia: up,
    downFirst: n + 1,
    downTail: down,
    downDurationMs: down,
    downLengthCm: down,
    downVia: down,
  };
}

const isLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const align8 = (x: number): number => Math.ceil(x / 8) * 8;
const CTOR: Readonly<Record<ElementType, new (buffer: ArrayBufferLike, byteOffset: number, length: number) => AnyTypedArray>> = {
  1: Uint8Array,
  2: Uint32Array,
  3: Int32Array,
  4: Float64Array,
};

function checkArray(owner: string, spec: SectionSpec, value: unknown, length: number): AnyTypedArray {
  const ctor = CTOR[spec.type];
  if (!(value instanceof ctor)) {
    const got = value === null || value === undefined ? String(value) : ((value as object).constructor?.name ?? typeof value);
    throw new RoadGraphFileError('GEO_GRAPH_FILE_INPUT', `${owner}.${spec.name} must be ${spec.type === 3 ? 'an' : 'a'} ${TYPE_NAME[spec.type]}, got ${got}`);
  }
  if (value.length !== length) throw new RoadGraphFileError('GEO_GRAPH_FILE_INPUT', `${owner}.${spec.name} must have length ${length}, got ${value.length}`);
  return value;
}

/**
 * Serialises `graph` (and `ch`, when given) into one file image. Checks the graph invariants
 * ({@link assertRoadGraph}) and that the CH arrays have consistent lengths
 * (`rank`/`order`: V; `upFirst`/`downFirst`: V + 1 ending at the arc counts; up and down arc
 * arrays of equal length). The CH's contents are stored as given.
 */
export function serializeRoadGraph(graph: RoadGraph, ch?: ContractionHierarchy): Uint8Array {
  assertRoadGraph(graph);
  const n = graph.numVertices;
  const m = graph.numArcs;
  const g = graph.geomLng.length;
  if (n > 0xffffffff || m > 0xffffffff || g > 0xffffffff) throw new RoadGraphFileError('GEO_GRAPH_FILE_INPUT', 'graph is too large for the format (counts must fit in 32 bits)');
  let up = 0;
  let down = 0;
  if (ch !== undefined) {
    if (ch.numVertices !== n) throw new RoadGraphFileError('GEO_GRAPH_FILE_INPUT', `ch.numVertices must equal graph.numVertices (${n}), got ${ch.numVertices}`);
    up = ch.upHead?.length ?? 0;
    down = ch.downTail?.length ?? 0;
  }
  const lengths = expectedLengths(n, m, g, up, down);
  const arrays: Array<{ spec: SectionSpec; data: AnyTypedArray }> = [];
  for (const spec of GRAPH_SECTIONS) {
    arrays.push({ spec, data: checkArray('graph', spec, (graph as unknown as Record<string, unknown>)[spec.name], lengths[spec.name]!) });
  }
  if (ch !== undefined) {
    for (const spec of CH_SECTIONS) {
      arrays.push({ spec, data: checkArray('ch', spec, (ch as unknown as Record<string, unknown>)[spec.name], lengths[spec.name]!) });
    }
    if (ch.upFirst[n] !== up) throw new RoadGraphFileError('GEO_GRAPH_FILE_INPUT', `ch.upFirst[${n}] must equal the number of upward arcs (${up}), got ${ch.upFirst[n]}`);
    if (ch.downFirst[n] !== down) throw new RoadGraphFileError('GEO_GRAPH_FILE_INPUT', `ch.downFirst[${n}] must equal the number of downward arcs (${down}), got ${ch.downFirst[n]}`);
  }

  const profile = new TextEncoder().encode(graph.profile);
  const headerBytes = align8(HEADER_BYTES + SECTION_ENTRY_BYTES * arrays.length + profile.length);
  let fileBytes = headerBytes;
  const offsets: number[] = [];
  for (const { data } of arrays) {
    offsets.push(fileBytes);
    fileBytes += align8(data.byteLength);
  }
  const out = new Uint8Array(fileBytes);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) out[i] = ROAD_GRAPH_FILE_MAGIC.charCodeAt(i);
  view.setUint32(8, ROAD_GRAPH_FILE_VERSION, true);
  view.setUint32(12, headerBytes, true);
  view.setFloat64(16, fileBytes, true);
  view.setUint32(28, ch !== undefined ? FLAG_CH : 0, true);
  view.setUint32(32, n, true);
  view.setUint32(36, m, true);
  view.setUint32(40, g, true);
  view.setUint32(44, up, true);
  view.setUint32(48, down, true);
  view.setUint32(52, arrays.length, true);
  view.setUint32(56, profile.length, true);
  arrays.forEach(({ spec, data }, i) => {
    const at = HEADER_BYTES + SECTION_ENTRY_BYTES * i;
    view.setUint32(at, spec.id, true);
    view.setUint32(at + 4, spec.type, true);
    view.setFloat64(at + 8, offsets[i]!, true);
    view.setFloat64(at + 16, data.length, true);
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (isLittleEndian) {
      out.set(bytes, offsets[i]!);
    } else {
      const size = BYTES_PER_ELEMENT[spec.type];
      for (let b = 0; b < bytes.length; b += size) for (let k = 0; k < size; k++) out[offsets[i]! + b + k] = bytes[b + size - 1 - k]!;
    }
  });
  out.set(profile, HEADER_BYTES + SECTION_ENTRY_BYTES * arrays.length);
  view.setUint32(CHECKSUM_OFFSET, fileChecksum(out), true);
  return out;
}

/** CRC-32 of `bytes` with the checksum field taken as zero. */
function fileChecksum(bytes: Uint8Array): number {
  const zero = new Uint8Array(4);
  let crc = crc32(bytes.subarray(0, CHECKSUM_OFFSET));
  crc = crc32(zero, crc);
  return crc32(bytes.subarray(CHECKSUM_OFFSET + 4), crc);
}

/**
 * Reads a file image made by {@link serializeRoadGraph}. The typed arrays of the result are views
 * on `bytes`' buffer (no copy) when `bytes.byteOffset` is a multiple of 8; otherwise the bytes are
 * copied once into an aligned buffer. Do not modify `bytes` afterwards.
 *
 * Throws {@link RoadGraphFileError}: `GEO_GRAPH_FILE_MAGIC` (not a graph file),
 * `GEO_GRAPH_FILE_VERSION`, `GEO_GRAPH_FILE_TRUNCATED`, `GEO_GRAPH_FILE_CHECKSUM`,
 * `GEO_GRAPH_FILE_CORRUPT` (naming the section), `GEO_GRAPH_FILE_PLATFORM` (big-endian host).
 */
export function deserializeRoadGraph(bytes: Uint8Array, options: DeserializeRoadGraphOptions = {}): RoadGraphFileContents {
  if (!(bytes instanceof Uint8Array)) throw new RoadGraphFileError('GEO_GRAPH_FILE_INPUT', `bytes must be a Uint8Array, got ${typeof bytes}`);
  if (bytes.length < 8 || !ROAD_GRAPH_FILE_MAGIC.split('').every((c, i) => bytes[i] === c.charCodeAt(0))) {
    const head = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new RoadGraphFileError('GEO_GRAPH_FILE_MAGIC', `not a road graph file: the first 8 bytes must be "O2ORGRF\\0", got [${head}]`);
  }
  if (bytes.length < HEADER_BYTES) {
    throw new RoadGraphFileError('GEO_GRAPH_FILE_TRUNCATED', `road graph file is truncated: ${bytes.length} bytes, shorter than the ${HEADER_BYTES}-byte header`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== ROAD_GRAPH_FILE_VERSION) {
    throw new RoadGraphFileError('GEO_GRAPH_FILE_VERSION', `road graph file format version ${version} is not supported (this build reads version ${ROAD_GRAPH_FILE_VERSION}); rebuild the graph file`);
  }
  const fileBytes = view.getFloat64(16, true);
  if (fileBytes > bytes.length) {
    throw new RoadGraphFileError('GEO_GRAPH_FILE_TRUNCATED', `road graph file is truncated: the header declares ${fileBytes} bytes but only ${bytes.length} are present`);
  }
  if (fileBytes !== bytes.length) {
    throw new RoadGraphFileError('GEO_GRAPH_FILE_CORRUPT', `road graph file has ${bytes.length} bytes but its header declares ${fileBytes}`);
  }
  if (options.verifyChecksum !== false) {
    const stored = view.getUint32(CHECKSUM_OFFSET, true);
    const actual = fileChecksum(bytes);
    if (stored !== actual) {
      throw new RoadGraphFileError('GEO_GRAPH_FILE_CHECKSUM', `road graph file checksum mismatch: stored ${hex(stored)}, computed ${hex(actual)} (the file was modified or damaged)`);
    }
  }
  if (!isLittleEndian) throw new RoadGraphFileError('GEO_GRAPH_FILE_PLATFORM', 'road graph files are little-endian and cannot be viewed in place on this big-endian machine');

  const aligned = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const buffer = aligned.buffer;
  const base = aligned.byteOffset;
  const headerBytes = view.getUint32(12, true);
  const flags = view.getUint32(28, true);
  const n = view.getUint32(32, true);
  const m = view.getUint32(36, true);
  const g = view.getUint32(40, true);
  const up = view.getUint32(44, true);
  const down = view.getUint32(48, true);
  const sectionCount = view.getUint32(52, true);
  const profileBytes = view.getUint32(56, true);
  const tableEnd = HEADER_BYTES + SECTION_ENTRY_BYTES * sectionCount;
  if (sectionCount > 1024 || tableEnd + profileBytes > headerBytes || headerBytes > fileBytes) {
    throw new RoadGraphFileError('GEO_GRAPH_FILE_CORRUPT', `road graph file header is inconsistent (sections ${sectionCount}, profile ${profileBytes} bytes, header ${headerBytes} bytes)`);
  }
  const profile = new TextDecoder().decode(bytes.subarray(tableEnd, tableEnd + profileBytes));
  const lengths = expectedLengths(n, m, g, up, down);
  const sections = new Map<number, AnyTypedArray>();
  const specs = new Map([...GRAPH_SECTIONS, ...CH_SECTIONS].map((s) => [s.id, s]));
  for (let i = 0; i < sectionCount; i++) {
    const at = HEADER_BYTES + SECTION_ENTRY_BYTES * i;
    const id = view.getUint32(at, true);
    const type = view.getUint32(at + 4, true);
    const offset = view.getFloat64(at + 8, true);
    const count = view.getFloat64(at + 16, true);
    const spec = specs.get(id);
    if (spec === undefined) continue; // a section of a later minor revision: ignore
    if (type !== spec.type) {
      throw new RoadGraphFileError('GEO_GRAPH_FILE_CORRUPT', `road graph file section ${spec.name} has element type ${type}, expected ${spec.type} (${TYPE_NAME[spec.type]})`);
    }
    const expected = lengths[spec.name]!;
    const size = BYTES_PER_ELEMENT[spec.type];
    if (count !== expected || offset % 8 !== 0 || offset < headerBytes || offset + count * size > fileBytes) {
      throw new RoadGraphFileError(
        'GEO_GRAPH_FILE_CORRUPT',
        `road graph file section ${spec.name} is out of place: ${count} elements at byte ${offset} (expected ${expected} elements, 8-aligned, inside ${headerBytes}…${fileBytes})`,
      );
    }
    sections.set(id, new CTOR[spec.type](buffer, base + offset, count));
  }
  const take = (spec: SectionSpec): AnyTypedArray => {
    const arr = sections.get(spec.id);
    if (arr === undefined) throw new RoadGraphFileError('GEO_GRAPH_FILE_CORRUPT', `road graph file has no ${spec.name} section`);
    return arr;
  };
  const graphArrays = Object.fromEntries(GRAPH_SECTIONS.map((s) => [s.name, take(s)]));
  const graph = { profile, numVertices: n, numArcs: m, ...graphArrays } as unknown as RoadGraph;
  if (options.validate !== false) {
    try {
      assertRoadGraph(graph);
    } catch (err) {
      throw new RoadGraphFileError('GEO_GRAPH_FILE_CORRUPT', `road graph file holds an invalid graph: ${(err as Error).message}`, { cause: err });
    }
  }
  if ((flags & FLAG_CH) === 0) return { graph };
  const chArrays = Object.fromEntries(CH_SECTIONS.map((s) => [s.name, take(s)]));
  const ch = { numVertices: n, ...chArrays } as unknown as ContractionHierarchy;
  return { graph, ch };
}

const hex = (x: number): string => `0x${x.toString(16).padStart(8, '0')}`;

/**
 * Writes `graph` (and `ch`) to `path` synchronously (meant for build steps and start-up). The
 * file is written next to `path` and renamed into place, so readers never see a half-written
 * file.
 */
export function saveRoadGraph(path: string, graph: RoadGraph, ch?: ContractionHierarchy): void {
  const bytes = serializeRoadGraph(graph, ch);
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // the temporary file was never created
    }
    throw err;
  }
}

/**
 * Reads a graph file written by {@link saveRoadGraph} synchronously (one `readFileSync`; the
 * typed arrays are views on the file's bytes). Throws the fs error for a missing file and
 * {@link RoadGraphFileError} for a bad one (the message names the path).
 */
export function loadRoadGraph(path: string, options?: DeserializeRoadGraphOptions): RoadGraphFileContents {
  const bytes = readFileSync(path);
  try {
    return deserializeRoadGraph(bytes, options);
  } catch (err) {
    if (err instanceof RoadGraphFileError) throw new RoadGraphFileError(err.code as RoadGraphFileErrorCode, `${path}: ${err.message}`, { cause: err });
    throw err;
  }
}
