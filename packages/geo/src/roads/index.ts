/** Road networks: OSM import, graphs, snapping, shortest paths, contraction hierarchies, traffic. */
export { NUM_ROAD_CLASSES, ROAD_CLASSES, isRoadClass, roadClassCode } from './road-class.js';
export type { RoadClass } from './road-class.js';
export { arcTails, assertRoadGraph, buildReverseArcs, roadGraphBbox } from './road-graph.js';
export type { ReverseArcs, RoadGraph } from './road-graph.js';
export type { ContractionHierarchy } from './ch/contraction-hierarchy.js';
export { generateGridCity } from './grid-city.js';
export type { GridCityOptions } from './grid-city.js';
// plain searches, snapping, geometry
export { createSearchQueue, DEFAULT_SEARCH_QUEUE } from './search/search-queue.js';
export type { SearchQueue, SearchQueueKind } from './search/search-queue.js';
export { SearchSpace } from './search/search-space.js';
export { DijkstraSearch } from './search/dijkstra-search.js';
export type { DijkstraOptions } from './search/dijkstra-search.js';
export { AStarSearch } from './search/astar-search.js';
export type { AStarOptions } from './search/astar-search.js';
export { BidirectionalSearch } from './search/bidirectional-search.js';
export type { BidirectionalOptions } from './search/bidirectional-search.js';
export { LOWER_BOUND_MARGIN, StraightLineBound } from './search/lower-bound.js';
export { DEFAULT_MAX_SNAP_DISTANCE_M, RoadSnapper, SNAP_SAMPLE_SPACING_M, findReverseArcs } from './snap/road-snapper.js';
export type { RoadSnap, RoadSnapperOptions } from './snap/road-snapper.js';
export { arcTail, sameRoadTrip, sourceSeeds, targetSeeds } from './snap/snap-seeds.js';
export type { SnapSeeds } from './snap/snap-seeds.js';
export { arcPolyline, routeLineString, slicePolyline, vertexPoint } from './route-geometry.js';
export type { LineStringFeature } from './route-geometry.js';
// contraction hierarchies (helper)
export { buildContractionHierarchy } from './ch/build-contraction-hierarchy.js';
export type { ContractionHierarchyOptions } from './ch/build-contraction-hierarchy.js';
export { CH_UNREACHABLE, ChQuery } from './ch/ch-query.js';
export type { ChEndpoint, ChSeeds } from './ch/ch-endpoint.js';
export type { ChMatrixOptions, ChMatrixResult } from './ch/ch-matrix-result.js';
export { chMatrix } from './ch/ch-matrix.js';
export { chBucketMatrix } from './ch/ch-bucket-matrix.js';
export { chPhastMatrix } from './ch/ch-phast-matrix.js';
// traffic (helper)
export {
  DEFAULT_ROAD_CONGESTION_SENSITIVITY,
  DEFAULT_ROAD_TRAFFIC_PROFILES,
  MIN_ROAD_SPEED_FACTOR,
  ROAD_CLASS_PEAK_FACTORS,
  assertRoadTrafficProfile,
  congestionProfileWithPeak,
  defaultRoadCongestionSensitivity,
} from './traffic/road-traffic-profiles.js';
export { MAX_INSTANT_MS, RoadTrafficModel } from './traffic/road-traffic-model.js';
export type { ArcTrafficProfile, RoadTrafficModelOptions, WayTrafficProfile } from './traffic/road-traffic-model.js';
export type { TdArcPlace, TdPlace, TdPlaces, TdVertexPlace } from './traffic/td-places.js';
export { TdDijkstra } from './traffic/td-dijkstra.js';
export { TdAStar } from './traffic/td-a-star.js';
// osm import (helper)
export { importOsmPbf } from './import-osm-pbf.js';
export { buildRoadGraphFromOsm } from './build/build-road-graph-from-osm.js';
export type { OsmNodeInput, OsmRoadInput, OsmWayInput } from './build/build-road-graph-from-osm.js';
export { stronglyConnectedComponents } from './build/strongly-connected-components.js';
export type { StronglyConnectedComponents } from './build/strongly-connected-components.js';
export type { OsmImportOptions, OsmImportResult, OsmImportStats } from './osm/osm-import-options.js';
export { OsmImportError } from './osm/osm-import-error.js';
export type { OsmImportErrorCode, OsmPbfLocation } from './osm/osm-import-error.js';
export { MAX_PROFILE_SPEED_KMH, ROAD_PROFILE_NAMES, roadProfile } from './osm/road-profile.js';
export type { RoadProfile, RoadProfileName } from './osm/road-profile.js';
export { deniesAccess, grantsAccess, maxspeedCappedKmh, mostSpecificAccess, onewayFromTags, parseMaxspeedKmh } from './osm/osm-tag-rules.js';
export type { Oneway, OsmTags } from './osm/osm-tag-rules.js';
export type { OsmBbox } from './osm/osm-bbox.js';
export {
  ROAD_GRAPH_FILE_MAGIC,
  ROAD_GRAPH_FILE_VERSION,
  RoadGraphFileError,
  deserializeRoadGraph,
  loadRoadGraph,
  saveRoadGraph,
  serializeRoadGraph,
} from './road-graph-file.js';
export type { DeserializeRoadGraphOptions, RoadGraphFileContents, RoadGraphFileErrorCode } from './road-graph-file.js';
// road travel-time provider
export { chAllToOne } from './ch/ch-all-to-one.js';
export { arcSliceLineString } from './route-geometry.js';
export { RoadNetworkProvider } from './road-network-provider.js';
export type { RoadNetworkProviderOptions, RoadRoute } from './road-network-provider.js';
