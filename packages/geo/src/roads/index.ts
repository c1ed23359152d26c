/** Road networks: OSM import, graphs, snapping, shortest paths, contraction hierarchies, traffic. */
export { NUM_ROAD_CLASSES, ROAD_CLASSES, isRoadClass, roadClassCode } from './road-class.js';
export type { RoadClass } from './road-class.js';
export { arcTails, assertRoadGraph, buildReverseArcs } from './road-graph.js';
export type { ReverseArcs, RoadGraph } from './road-graph.js';
export type { ContractionHierarchy } from './ch/contraction-hierarchy.js';
export { generateGridCity } from './grid-city.js';
export type { GridCityOptions } from './grid-city.js';
