/** Road networks: OSM import, graphs, snapping, shortest paths, contraction hierarchies, traffic. */
export { NUM_ROAD_CLASSES, ROAD_CLASSES, isRoadClass, roadClassCode } from './road-class.js';
export type { RoadClass } from './road-class.js';
export { arcTails, assertRoadGraph, buildReverseArcs } from './road-graph.js';
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
