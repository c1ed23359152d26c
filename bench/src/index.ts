/**
 * The bench's library parts, for its tests (imported as '@o2o/bench'): instance parsers, BKS
 * tables, scaling, the double-precision checker and the reports. Re-exports only; nothing here
 * calls the route solver (type imports aside), so tests run whether or not it is built.
 */
export * from './args/bench-arg-error.js';
export * from './args/flag-values.js';
export * from './args/solve-args.js';
export * from './args/svg-dir-flag.js';
export * from './args/vrp-args.js';
export * from './bks/bks-table.js';
export * from './bks/parse-csv.js';
export * from './bks/read-bks-tables.js';
// charts: dependency-free SVG writers and the bench's charts (--svg DIR)
export * from './charts/axis-scale.js';
export * from './charts/chart-frame.js';
export * from './charts/chart-input-error.js';
export * from './charts/click-to-door-chart.js';
export * from './charts/escape-xml.js';
export * from './charts/histogram-bins.js';
export * from './charts/histogram-svg.js';
export * from './charts/line-chart-svg.js';
export * from './charts/load-latency-chart.js';
export * from './charts/nice-ticks.js';
export * from './charts/percentile-chart-svg.js';
export * from './charts/series-colors.js';
export * from './charts/svg-number.js';
export * from './charts/time-to-quality-chart.js';
export * from './charts/write-svg-file.js';
export * from './check/check-routes.js';
export * from './check/route-check-view.js';
export * from './geometry/euclidean-distance.js';
export * from './instances/benchmark-paths.js';
export * from './instances/detect-instance-format.js';
export * from './instances/instance-class.js';
export * from './instances/instance-parse-error.js';
export * from './instances/list-instance-files.js';
export * from './instances/name-patterns.js';
export * from './instances/parse-lilim.js';
export * from './instances/parse-solomon.js';
export * from './instances/read-instance.js';
export * from './instances/select-instances.js';
export * from './instances/vrp-instance.js';
export * from './problem/dominating-fixed-cost.js';
export * from './problem/scale-instance.js';
export * from './problem/to-problem-input.js';
export * from './report/class-table.js';
export * from './report/compare-to-bks.js';
export * from './report/curve-table.js';
export * from './report/format-table.js';
export * from './report/instance-table.js';
export * from './report/progress-line.js';
export * from './report/run-environment.js';
export * from './report/solve-summary.js';
export * from './report/summarize-by-class.js';
export * from './run/curve-from-history.js';
export * from './run/evaluate-routes.js';
export * from './run/instance-result.js';
export * from './run/routes-from-solution.js';
export * from './run/to-instance-result.js';
export * from './run/vrp-run.js';
// mdrp (helper): MDRP and Rappi simulation benches
export * from './mdrp/click-to-door-minutes.js';
export * from './mdrp/delimited-table.js';
export * from './mdrp/mdrp-args.js';
export * from './mdrp/mdrp-floors.js';
export * from './mdrp/mdrp-paths.js';
export * from './mdrp/mdrp-travel-model.js';
export * from './mdrp/policies.js';
export * from './mdrp/rappi-travel-model.js';
export * from './mdrp/read-mdrp-instance.js';
export * from './mdrp/read-rappi-instance.js';
export * from './mdrp/run-selected-policies.js';
export * from './mdrp/run-sim.js';
export * from './mdrp/sim-report.js';
export * from './mdrp/sim-run-summary.js';
export * from './mdrp/write-log-file.js';
