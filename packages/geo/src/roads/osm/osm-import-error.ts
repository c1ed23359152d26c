import { GeoError } from '../../errors.js';

/** Stable codes of {@link OsmImportError}. */
export type OsmImportErrorCode =
  /** The bytes are not a well-formed OSM PBF file (garbage, truncated, inconsistent). */
  | 'GEO_INVALID_OSM'
  /** A well-formed file uses a feature this decoder does not implement (lzma/lz4/zstd blobs, unknown required features). */
  | 'GEO_UNSUPPORTED_OSM'
  /** The input is valid but none of its roads is routable with the chosen profile (and bbox). */
  | 'GEO_EMPTY_ROAD_GRAPH';

/** Where in a PBF file a problem was found. */
export interface OsmPbfLocation {
  /** Byte offset in the file (for problems inside a blob: the start of that blob's 4-byte length prefix). */
  readonly offset: number;
  /** Byte offset inside the decompressed block, when the problem is inside one. */
  readonly blockOffset?: number;
}

/**
 * An OSM import failed. `field` names the protobuf message and field at fault (e.g.
 * `DenseNodes.lat`), `offset` the byte offset in the PBF file (-1 when not tied to a place) and
 * `blockOffset` the offset inside the decompressed block (-1 when not inside one). The message
 * names all of them, e.g. `Blob.zstd_data (byte 1234) is not supported: …` or
 * `DenseNodes.lat (byte 1234, block byte 5678) has 3 values but DenseNodes.id has 4`.
 */
export class OsmImportError extends GeoError {
  /** The message/field at fault, e.g. `BlobHeader.datasize`. */
  readonly field: string;
  /** Byte offset in the PBF file, or -1. */
  readonly offset: number;
  /** Byte offset inside the decompressed block, or -1. */
  readonly blockOffset: number;
  constructor(code: OsmImportErrorCode, field: string, rule: string, at?: OsmPbfLocation, options?: { cause?: unknown }) {
    const offset = at?.offset ?? -1;
    const blockOffset = at?.blockOffset ?? -1;
    const where = offset < 0 ? '' : blockOffset < 0 ? ` (byte ${offset})` : ` (byte ${offset}, block byte ${blockOffset})`;
    super(code, `${field}${where} ${rule}`, options);
    this.field = field;
    this.offset = offset;
    this.blockOffset = blockOffset;
  }
}
