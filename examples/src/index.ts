export * from './synthetic-city/run-synthetic-city.js';
export * from './synthetic-city/format-summary.js';
export * from './road-city/run-road-city.js';
