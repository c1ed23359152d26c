/**
 * The outer layer of an OSM PBF file (fileformat.proto): a sequence of
 * `[4-byte big-endian BlobHeader length][BlobHeader][Blob]`. {@link listOsmPbfBlobs} validates
 * that framing for the whole file up front (so a truncated file fails before any heavy work) and
 * {@link inflateOsmPbfBlob} returns one blob's block bytes (raw or zlib; other compressions throw).
 *
 * BlobHeader: type = 1 (string), indexdata = 2, datasize = 3 (int32).
 * Blob: raw = 1, raw_size = 2, zlib_data = 3, lzma_data = 4, OBSOLETE_bzip2_data = 5,
 * lz4_data = 6, zstd_data = 7.
 */
import { inflateSync } from 'node:zlib';
import { OsmImportError } from './osm-import-error.js';
import { ProtoReader, WIRE_BYTES, WIRE_VARINT } from './proto-reader.js';

/** Largest BlobHeader the format allows (64 KiB). */
export const MAX_BLOB_HEADER_BYTES = 64 * 1024;
/** Largest Blob and largest decompressed block the format allows (32 MiB). */
export const MAX_BLOB_BYTES = 32 * 1024 * 1024;

/** One blob of the file: where it is and what it holds. */
export interface OsmPbfBlobEntry {
  /** `OSMHeader`, `OSMData` or an unknown type (readers skip unknown types). */
  readonly type: string;
  /** File offset of the blob's 4-byte length prefix (used in error messages). */
  readonly offset: number;
  /** File offsets of the Blob message. */
  readonly blobStart: number;
  readonly blobEnd: number;
}

const UNSUPPORTED_COMPRESSION: Readonly<Record<number, string>> = {
  4: 'lzma_data',
  5: 'OBSOLETE_bzip2_data',
  6: 'lz4_data',
  7: 'zstd_data',
};

/**
 * Lists and validates the blob framing of a whole file. Throws `GEO_INVALID_OSM` for an empty
 * file, a length prefix or BlobHeader out of range, a blob running past the end of the file, or a
 * first blob that is not `OSMHeader`.
 */
export function listOsmPbfBlobs(bytes: Uint8Array): OsmPbfBlobEntry[] {
  const total = bytes.length;
  if (total === 0) throw new OsmImportError('GEO_INVALID_OSM', 'file', 'is empty: an OSM PBF file starts with an OSMHeader blob', { offset: 0 });
  const reader: ProtoReader = new ProtoReader(bytes);
  const entries: OsmPbfBlobEntry[] = [];
  let pos = 0;
  while (pos < total) {
    if (total - pos < 4) {
      reader.fail('BlobHeader length', `is truncated: 4 bytes expected, ${total - pos} remain`, pos);
    }
    const headerLen = ((bytes[pos]! << 24) >>> 0) + (bytes[pos + 1]! << 16) + (bytes[pos + 2]! << 8) + bytes[pos + 3]!;
    if (headerLen === 0 || headerLen > MAX_BLOB_HEADER_BYTES) {
      reader.fail('BlobHeader length', `must be in [1, ${MAX_BLOB_HEADER_BYTES}], got ${headerLen} (not an OSM PBF file, or corrupted)`, pos);
    }
    const headerStart = pos + 4;
    const headerEnd = headerStart + headerLen;
    if (headerEnd > total) {
      reader.fail('BlobHeader', `is truncated: declares ${headerLen} bytes but only ${total - headerStart} remain in the file`, pos);
    }
    let type: string | undefined;
    let dataSize = -1;
    reader.pos = headerStart;
    while (reader.pos < headerEnd) {
      const keyPos = reader.pos;
      const key = reader.varint(headerEnd, 'BlobHeader');
      const tag = key >>> 3;
      const wire = key & 7;
      if (tag === 1) {
        reader.expectWire(wire, WIRE_BYTES, 'BlobHeader.type', keyPos);
        type = reader.string(headerEnd, 'BlobHeader.type');
      } else if (tag === 3) {
        reader.expectWire(wire, WIRE_VARINT, 'BlobHeader.datasize', keyPos);
        dataSize = reader.int64(headerEnd, 'BlobHeader.datasize');
      } else {
        reader.skip(wire, headerEnd, 'BlobHeader', tag);
      }
    }
    if (type === undefined) reader.fail('BlobHeader.type', 'is missing (not an OSM PBF file, or corrupted)', pos);
    if (dataSize < 0 || dataSize > MAX_BLOB_BYTES) {
      reader.fail('BlobHeader.datasize', dataSize < 0 ? 'is missing or negative' : `must be ≤ ${MAX_BLOB_BYTES}, got ${dataSize}`, pos);
    }
    const blobEnd = headerEnd + dataSize;
    if (blobEnd > total) {
      reader.fail('Blob', `is truncated: BlobHeader.datasize declares ${dataSize} bytes but only ${total - headerEnd} remain in the file`, pos);
    }
    if (entries.length === 0 && type !== 'OSMHeader') {
      reader.fail('BlobHeader.type', `of the first blob must be "OSMHeader", got ${JSON.stringify(type.slice(0, 40))} (not an OSM PBF file?)`, pos);
    }
    entries.push({ type, offset: pos, blobStart: headerEnd, blobEnd });
    pos = blobEnd;
  }
  return entries;
}

/**
 * The decompressed block of one blob: a view into `bytes` for raw blobs, a new buffer for zlib
 * ones. Throws `GEO_UNSUPPORTED_OSM` for lzma/bzip2/lz4/zstd blobs and `GEO_INVALID_OSM` for a
 * blob without data, a corrupt zlib stream or a size that disagrees with `raw_size`.
 */
export function inflateOsmPbfBlob(bytes: Uint8Array, entry: OsmPbfBlobEntry): Uint8Array {
  const reader: ProtoReader = new ProtoReader(bytes);
  const end = entry.blobEnd;
  const at = entry.offset;
  let rawSize = -1;
  let dataStart = -1;
  let dataEnd = -1;
  let compressed = false;
  reader.pos = entry.blobStart;
  while (reader.pos < end) {
    const keyPos = reader.pos;
    const key = reader.varint(end, 'Blob');
    const tag = key >>> 3;
    const wire = key & 7;
    if (tag === 1 || tag === 3) {
      const field = tag === 1 ? 'Blob.raw' : 'Blob.zlib_data';
      reader.expectWire(wire, WIRE_BYTES, field, keyPos);
      dataEnd = reader.lengthEnd(end, field);
      dataStart = reader.pos;
      reader.pos = dataEnd;
      compressed = tag === 3;
    } else if (tag === 2) {
      reader.expectWire(wire, WIRE_VARINT, 'Blob.raw_size', keyPos);
      rawSize = reader.int64(end, 'Blob.raw_size');
    } else if (UNSUPPORTED_COMPRESSION[tag] !== undefined) {
      throw new OsmImportError(
        'GEO_UNSUPPORTED_OSM',
        `Blob.${UNSUPPORTED_COMPRESSION[tag]}`,
        'is not supported: only raw and zlib_data blobs can be read (re-encode the file, e.g. `osmium cat in.pbf -o out.osm.pbf`)',
        { offset: at },
      );
    } else {
      reader.skip(wire, end, 'Blob', tag);
    }
  }
  if (dataStart < 0) throw new OsmImportError('GEO_INVALID_OSM', 'Blob', 'has no raw or zlib_data field', { offset: at });
  if (!compressed) {
    if (rawSize >= 0 && rawSize !== dataEnd - dataStart) {
      throw new OsmImportError('GEO_INVALID_OSM', 'Blob.raw_size', `is ${rawSize} but the raw data has ${dataEnd - dataStart} bytes`, { offset: at });
    }
    return bytes.subarray(dataStart, dataEnd);
  }
  if (rawSize < 0 || rawSize > MAX_BLOB_BYTES) {
    throw new OsmImportError('GEO_INVALID_OSM', 'Blob.raw_size', rawSize < 0 ? 'is missing for a zlib_data blob' : `must be ≤ ${MAX_BLOB_BYTES}, got ${rawSize}`, { offset: at });
  }
  let out: Uint8Array;
  try {
    // One output chunk larger than the block: no chunk list and no final concatenation (2× faster).
    out = inflateSync(bytes.subarray(dataStart, dataEnd), { maxOutputLength: Math.max(1, rawSize), chunkSize: Math.max(64, rawSize + 64) });
  } catch (err) {
    const reason = err instanceof RangeError ? `inflates to more than raw_size (${rawSize}) bytes` : `is not a valid zlib stream (${(err as Error).message})`;
    throw new OsmImportError('GEO_INVALID_OSM', 'Blob.zlib_data', reason, { offset: at }, { cause: err });
  }
  if (out.length !== rawSize) {
    throw new OsmImportError('GEO_INVALID_OSM', 'Blob.raw_size', `is ${rawSize} but zlib_data inflates to ${out.length} bytes`, { offset: at });
  }
  return out;
}
