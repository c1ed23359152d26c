export const USAGE = `usage: o2o-bench <command> [options]

commands:
  city    candidate generation on a synthetic city: index builds, candidate stores and riders
          per order, rider position updates, a riders x stores travel-time matrix
          options: --seed N (1) --stores N (2000) --riders N (20000) --orders N (50000)
                   --smoke (tiny sizes, for CI) --json (one JSON object on stdout)

  solve <instance>
          solve one Solomon (VRPTW) or Li & Lim (PDPTW) instance; <instance> is a file, or a
          name (C101, lc101) looked up in ../shared/benchmarks (or $O2O_BENCHMARKS_DIR)

  vrp <folder>
          solve every instance of a folder (or "solomon" / "lilim"), with per-instance and
          per-class tables and gaps to the folder's bks.csv / bks_distance_objective.csv
          --instances LIST   names or globs, comma-separated: "C1*,R101" (default: all)
          --curve NAME       print the time-to-quality curve of that instance
          --out FILE         also write the run as JSON (e.g. bench/baselines/solomon-1s.json)
          --svg DIR          also write vrp-<folder>-time-to-quality.svg (mean gap to the best
                             known per class over time) and, with --curve, vrp-<NAME>-time-to-quality.svg

  scale   the solver on a generated O2O pickup-and-delivery city instance: time to the first
          feasible solution, the time-to-quality curve (stderr), iterations, peak RSS
          options: --jobs N (1000) --riders N (jobs/6) --time-limit-ms N (60000) --seed N (1)
                   --smoke (40 jobs, 500 ms) --json

  roads [file.osm.pbf]
          road networks on an OSM extract (default ../shared/data/osm/monaco.osm.pbf): import,
          contraction hierarchy, save/load, Dijkstra / A* / bidirectional / CH on the same random
          pairs (CH checked on every pair), 100x100 and 1000x1000 matrices (CH vs repeated
          one-to-all), time-dependent A* with CH bounds vs time-dependent Dijkstra
          options: --profile car|scooter|bike|walk (car) --pairs N (10000) --seed N (1)
                   --smoke (200 pairs, one 50x50 matrix) --json

  mdrp <instance>
          one MDRP (Grubhub) instance under a dispatch policy (discrete-event simulation):
          KPIs, the click-to-door floor, the itinerary checker (exit status 1 on any violation);
          <instance> is a folder, or a name (0o100t100s1p100) in ../shared/benchmarks/mdrp/instances
          --policy greedy|ours (greedy) | --compare (greedy and ours on the same orders)
          --log FILE (itinerary log, MDRP minutes; one policy)  --json
          --svg DIR (click-to-door histogram: mdrp-<instance>-click-to-door.svg)

  mdrp-all <folder>
          every MDRP instance of a folder (or "mdrp"): per-instance rows and a summary
          --policy NAME (greedy) | --compare (greedy and ours side by side)
          --instances LIST (names or globs)  --json
          --svg DIR (click-to-door histogram of every order: mdrp-all-click-to-door.svg)

  rappi <city-day>
          the same KPIs on one Rappi city-day; <city-day> is a folder, or an id (4) in
          ../shared/benchmarks/rappi-colombia-mdrp/instances
          --policy NAME (greedy) | --compare  --full-shifts (keep logged-in shifts whole)
          --log FILE  --json  --svg DIR (rappi-<city-day>-click-to-door.svg)

  epoch   one dispatch epoch in-process (700 orders x 1,500 riders) and a big city cut into H3
          regions planned in parallel on worker threads (5,000 orders x 10,000 riders), peak RSS
          options: --orders N --riders N --region-orders N --region-riders N --threads N (2)
                   --resolution R (6) --smoke --json

  load    the dispatch service (started as a child process) under an open-loop order stream
          and a rider-location stream (open-loop, or autocannon) while its epochs run: orders/s,
          order latency from the scheduled send time (p50..max), location updates/s and p99,
          epochs, service RSS (after the first minute and at the end for a soak)
          options: --duration S (60) --rate N orders/s (5000) --location-rate N updates/s (20000)
                   --batch N updates per request (50) --riders N (2000) --stores N (200)
                   --warmup S (5) --seed N (1) --location-driver open-loop|autocannon (open-loop)
                   --connections N order connections (100) --http-workers N service HTTP fronts (0)
                   --backend sqlite|redis (sqlite; redis starts a local redis-server, AOF always)
                   --instances N (0; with --backend redis: N instances of one city, regions over
                   leases, orders through the regions' intake streams, requests spread over them)
                   --json --keep-data (keep the service's data folder)
                   --svg DIR (latency percentiles of orders and locations: load-latency.svg)

  failover  N instances of one city on a local redis-server; the owner of a region is killed
          (kill -9) or paused in the middle of a burst of order creations:
          {acknowledged, lost, duplicated, takeoverMs, ...}
          options: --instances N (3) --orders N (600) --mode kill|pause (kill) --lease-ttl-ms N (1500)
                   --json

  options of solve and vrp:
          --format solomon|lilim|auto      (auto: detected from the file)
          --objective distance|hierarchical  (distance; hierarchical = fewest vehicles first)
          --time-limit-ms N (1000)  --max-iterations N (none)  --seed N (1)
          --threads N (1; more uses solveParallel)  --json (one JSON object on stdout)
          --params JSON   search-parameter overrides, for tuning: '{"initialTemperature":3}'
          --svg DIR       solve: record the time-to-quality curve and write it as
                          solve-<instance>-time-to-quality.svg (vrp: see above)

  charts: --svg DIR creates DIR when missing and overwrites the files named above; each is a
          self-contained SVG (no scripts, fonts or links), the same bytes for the same figures.
          The written paths go to stderr.`;
