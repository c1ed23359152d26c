/**
 * Web Mercator for the ops map: positions become "world" coordinates in [0, 1]² (x east from
 * -180°, y south from the top of the projection, as map tiles lay them out), and a view (centre,
 * scale in pixels per world unit, size in pixels) maps them to the canvas. Pure arithmetic, no
 * DOM: the node tests check it.
 */

/** Largest latitude Web Mercator shows (the square world's edge). */
export const MAX_MERCATOR_LAT = 85.05112878;
/** Mean Earth circumference at the equator, metres (scale bar). */
const EARTH_CIRCUMFERENCE_M = 40_075_016.686;

/** World x in [0, 1] of a longitude. */
export function mercatorX(lng: number): number {
  return (lng + 180) / 360;
}

/** World y in [0, 1] of a latitude (clamped to ±{@link MAX_MERCATOR_LAT}). */
export function mercatorY(lat: number): number {
  const phi = (Math.max(-MAX_MERCATOR_LAT, Math.min(MAX_MERCATOR_LAT, lat)) * Math.PI) / 180;
  return 0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI);
}

/** The latitude of a world y (the inverse of {@link mercatorY}). */
export function latitudeOf(y: number): number {
  return (Math.atan(Math.sinh((0.5 - y) * 2 * Math.PI)) * 180) / Math.PI;
}

/** A box in world coordinates. */
export interface WorldBox {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

/** Scales the view never leaves: the whole world in 256 px, and ~1 cm per pixel. */
export const MIN_SCALE = 256;
export const MAX_SCALE = 256 * 2 ** 24;

export class MercatorView {
  /** Centre, world coordinates. */
  centerX = 0.5;
  centerY = 0.5;
  /** Pixels per world unit (256 · 2^zoom). */
  scale = MIN_SCALE;
  width = 1;
  height = 1;

  /** Sets the size of the drawing surface, pixels. */
  resize(width: number, height: number): void {
    this.width = Math.max(1, width);
    this.height = Math.max(1, height);
  }

  screenX(worldX: number): number {
    return (worldX - this.centerX) * this.scale + this.width / 2;
  }

  screenY(worldY: number): number {
    return (worldY - this.centerY) * this.scale + this.height / 2;
  }

  worldX(screenX: number): number {
    return (screenX - this.width / 2) / this.scale + this.centerX;
  }

  worldY(screenY: number): number {
    return (screenY - this.height / 2) / this.scale + this.centerY;
  }

  /** Centres the box and zooms so it fits with `paddingPx` on every side (a point box keeps a street-level scale). */
  fit(box: WorldBox, paddingPx = 24): void {
    this.centerX = (box.minX + box.maxX) / 2;
    this.centerY = (box.minY + box.maxY) / 2;
    const spanX = Math.max(box.maxX - box.minX, 1e-9);
    const spanY = Math.max(box.maxY - box.minY, 1e-9);
    const sx = Math.max(1, this.width - 2 * paddingPx) / spanX;
    const sy = Math.max(1, this.height - 2 * paddingPx) / spanY;
    this.scale = clampScale(Math.min(sx, sy, 256 * 2 ** 17));
  }

  /** Moves the map by a drag of (dx, dy) pixels. */
  panBy(dx: number, dy: number): void {
    this.centerX -= dx / this.scale;
    this.centerY -= dy / this.scale;
  }

  /** Zooms by `factor` keeping the world point under (sx, sy) where it is on screen. */
  zoomAt(sx: number, sy: number, factor: number): void {
    const wx = this.worldX(sx);
    const wy = this.worldY(sy);
    this.scale = clampScale(this.scale * factor);
    this.centerX = wx - (sx - this.width / 2) / this.scale;
    this.centerY = wy - (sy - this.height / 2) / this.scale;
  }

  /** Metres per pixel at the centre's latitude. */
  metresPerPixel(): number {
    return (EARTH_CIRCUMFERENCE_M * Math.cos((latitudeOf(this.centerY) * Math.PI) / 180)) / this.scale;
  }
}

function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/** A round length (1, 2 or 5 × 10^n metres) whose bar is at most `maxPx` pixels, and its width in pixels. */
export function scaleBar(metresPerPixel: number, maxPx: number): { metres: number; px: number } {
  const maxM = metresPerPixel * maxPx;
  const pow = 10 ** Math.floor(Math.log10(maxM));
  const metres = [5, 2, 1].map((k) => k * pow).find((m) => m <= maxM) ?? pow;
  return { metres, px: metres / metresPerPixel };
}
