/**
 * The SQLite store's by-store index of orders, kept out of the creation's transaction.
 *
 * An index on `(store_id, seq)` updated by every insert writes one leaf page per store that
 * received an order: with 200 stores and ~14 creations per group commit that was half of the WAL
 * pages of each commit (30 → 14 frames per commit without it) and ~22 µs of the event loop per
 * creation. Here the pairs go into `store_orders` in bulk, sorted by store, a few times a second
 * ({@link SqliteStoreIndex.catchUp}, run as one write of the group commit), so each store's leaf
 * is written once per catch-up, not once per order. `store_index_state.indexed_seq` records how
 * far it got, in the same transaction.
 *
 * Listing by store stays exact: rows up to the watermark come from `store_orders`, newer rows
 * from a scan of the orders table past the watermark (a rowid range of about one catch-up
 * period). An order whose store changes (an `accepted` with another store) is moved in the
 * transition's transaction when it was indexed already; a newer one is indexed by the next
 * catch-up with its store then.
 */
import type Database from 'better-sqlite3';
import type { ResolvedOrderQuery } from './order-query.js';

export interface OrderRow {
  readonly seq: number;
  readonly data: string;
}

/** Key of the prepared statements of a listing: which filters besides seq and store it has. */
export function orderFilterShape(q: ResolvedOrderQuery): string {
  return `${q.statuses?.length ?? 0}|${q.riderId === undefined ? '' : 'r'}`;
}

/**
 * ` AND ...` clauses of a listing's status and rider filters on the orders table (`alias` is its
 * prefix, e.g. `o.`); their values follow in that order: the statuses, then the rider id.
 */
export function orderFilterSql(q: ResolvedOrderQuery, alias: string): string {
  return (q.statuses === undefined ? '' : ` AND ${alias}status IN (${q.statuses.map(() => '?').join(', ')})`) + (q.riderId === undefined ? '' : ` AND ${alias}rider_id = ?`);
}

export class SqliteStoreIndex {
  private watermark: number;
  private readonly listStatements = new Map<string, { indexed: Database.Statement<unknown[], OrderRow>; tail: Database.Statement<unknown[], OrderRow> }>();
  private readonly st;

  constructor(private readonly db: Database.Database) {
    this.st = {
      watermark: db.prepare<[], { indexed_seq: number }>('SELECT indexed_seq FROM store_index_state WHERE id = 1'),
      catchUp: db.prepare<[number]>(
        'INSERT OR IGNORE INTO store_orders (store_id, seq) SELECT store_id, seq FROM orders WHERE seq > ? AND store_id IS NOT NULL ORDER BY store_id, seq',
      ),
      maxSeq: db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM orders'),
      setWatermark: db.prepare<[number]>('UPDATE store_index_state SET indexed_seq = ? WHERE id = 1'),
      unindex: db.prepare<[string, string]>('DELETE FROM store_orders WHERE store_id = ? AND seq = (SELECT seq FROM orders WHERE id = ?)'),
      reindex: db.prepare<[string]>(
        'INSERT OR IGNORE INTO store_orders (store_id, seq) SELECT store_id, seq FROM orders WHERE id = ? AND store_id IS NOT NULL AND seq <= (SELECT indexed_seq FROM store_index_state WHERE id = 1)',
      ),
    };
    this.watermark = this.readWatermark();
  }

  /** Orders with `seq` up to this are in `store_orders` (as committed). */
  get indexedSeq(): number {
    return this.watermark;
  }

  /**
   * Indexes every order newer than the committed watermark and moves the watermark to the newest
   * order; runs inside the caller's write transaction and returns the new watermark. Call
   * {@link SqliteStoreIndex.committed} with it once that transaction has committed.
   */
  catchUp(): number {
    const from = this.readWatermark();
    const to = Math.max(from, this.st.maxSeq.get()?.seq ?? 0);
    if (to > from) {
      this.st.catchUp.run(from);
      this.st.setWatermark.run(to);
    }
    return to;
  }

  /** The transaction of {@link SqliteStoreIndex.catchUp} that returned `watermark` has committed. */
  committed(watermark: number): void {
    if (watermark > this.watermark) this.watermark = watermark;
  }

  /** Inside the transaction that moved order `orderId` from store `from` to another one (or none). */
  storeChanged(orderId: string, from: string | undefined): void {
    if (from !== undefined) this.st.unindex.run(from, orderId);
    this.st.reindex.run(orderId);
  }

  /**
   * One page (at most `q.limit + 1` rows, oldest first) of the orders of `storeId` matching the
   * query's other filters; `filterParams` are the values of {@link orderFilterSql}'s clauses.
   */
  list(q: ResolvedOrderQuery, storeId: string, filterParams: readonly unknown[]): OrderRow[] {
    const { indexed, tail } = this.statementsFor(q);
    const w = this.watermark;
    const rows = q.afterSeq < w ? indexed.all(storeId, q.afterSeq, w, ...filterParams, q.limit + 1) : [];
    if (rows.length > q.limit) return rows;
    return rows.concat(tail.all(Math.max(q.afterSeq, w), storeId, ...filterParams, q.limit + 1 - rows.length));
  }

  private readWatermark(): number {
    return this.st.watermark.get()?.indexed_seq ?? 0;
  }

  private statementsFor(q: ResolvedOrderQuery) {
    const shape = orderFilterShape(q);
    let statements = this.listStatements.get(shape);
    if (statements === undefined) {
      statements = {
        indexed: this.db.prepare<unknown[], OrderRow>(
          `SELECT o.seq AS seq, o.data AS data FROM store_orders s JOIN orders o ON o.seq = s.seq WHERE s.store_id = ? AND s.seq > ? AND s.seq <= ?${orderFilterSql(q, 'o.')} ORDER BY s.seq LIMIT ?`,
        ),
        tail: this.db.prepare<unknown[], OrderRow>(`SELECT seq, data FROM orders WHERE seq > ? AND store_id = ?${orderFilterSql(q, '')} ORDER BY seq LIMIT ?`),
      };
      this.listStatements.set(shape, statements);
    }
    return statements;
  }
}
