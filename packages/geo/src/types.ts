/** A position as `[longitude, latitude]` in degrees (WGS84), the GeoJSON order. */
export type LngLat = readonly [lng: number, lat: number];

/** Seconds, as an integer unless stated otherwise. */
export type Seconds = number;
/** Metres, as an integer unless stated otherwise. */
export type Metres = number;
