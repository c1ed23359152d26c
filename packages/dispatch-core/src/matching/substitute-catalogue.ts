/**
 * Which products may replace a product that is out of stock, and how alike they are: a similarity
 * in [0, 1] computed from attributes (category, brand, size) or given explicitly per pair.
 *
 * Similarity of `b` as a substitute for `a` (weights default to {@link DEFAULT_SIMILARITY_WEIGHTS}):
 *
 * ```
 * sim(a, b) = 0                                     when a.category ≠ b.category (never a substitute)
 * sim(a, b) = (wCategory · 1
 *            + wBrand    · [a.brand = b.brand, both given]
 *            + wSize     · sizeRatio(a, b))
 *            / (wCategory + wBrand + wSize)
 * sizeRatio = min(a.size.value, b.size.value) / max(…)   when both have a size in the same unit, else 0
 * ```
 *
 * With the defaults: same category only 0.5; same category and brand 0.7; same category, brand
 * and size 1.0; same category and size, other brand 0.8. An explicit pair overrides the computed
 * value for that direction (`sku → substituteSku`) only.
 */
import type { DispatchInputError } from '../errors.js';
import type { Sku } from '../model/inventory.js';
import { IssueCollector } from '../model/issue-collector.js';

/** Package size of a product: `value` (> 0) in `unit` (e.g. `g`, `ml`, `pcs`). */
export interface ProductSize {
  readonly value: number;
  readonly unit: string;
}

/** Attributes the computed similarity compares. */
export interface ProductAttributes {
  readonly sku: Sku;
  /** Products in different categories are never substitutes of each other. */
  readonly category: string;
  readonly brand?: string;
  readonly size?: ProductSize;
}

/** An explicit substitution: `substituteSku` may replace `sku` with this similarity, in (0, 1]. */
export interface ExplicitSubstitute {
  readonly sku: Sku;
  readonly substituteSku: Sku;
  readonly similarity: number;
}

/** Weights of the similarity formula (finite, ≥ 0, positive sum; normalised by their sum). */
export interface SimilarityWeights {
  readonly category: number;
  readonly brand: number;
  readonly size: number;
}

/** Default weights: category 0.5, brand 0.2, size 0.3. */
export const DEFAULT_SIMILARITY_WEIGHTS: SimilarityWeights = Object.freeze({ category: 0.5, brand: 0.2, size: 0.3 });

/** One ranked substitute. */
export interface Substitute {
  readonly sku: Sku;
  /** In (0, 1]; 1 is a perfect replacement. */
  readonly similarity: number;
}

/** What {@link SubstituteCatalogue.build} takes (checked at run time: it may come from JSON). */
export interface SubstituteCatalogueInput {
  readonly products?: readonly ProductAttributes[];
  readonly substitutes?: readonly ExplicitSubstitute[];
  readonly weights?: Partial<SimilarityWeights>;
}

/** Options of {@link SubstituteCatalogue.substitutesFor}. */
export interface SubstituteQueryOptions {
  /** Substitutes below this similarity are left out. Default 0 (every substitute, similarity > 0). */
  readonly minSimilarity?: number;
  /** Most substitutes returned. Default all. */
  readonly limit?: number;
}

/**
 * SKU → substitutes ranked by similarity (highest first, ties by sku). Immutable once built;
 * rankings are computed on first use per sku and cached.
 */
export class SubstituteCatalogue {
  private readonly products: ReadonlyMap<Sku, ProductAttributes>;
  private readonly byCategory: ReadonlyMap<string, readonly ProductAttributes[]>;
  private readonly explicit: ReadonlyMap<Sku, ReadonlyMap<Sku, number>>;
  private readonly weights: SimilarityWeights;
  private readonly ranked = new Map<Sku, readonly Substitute[]>();

  private constructor(products: readonly ProductAttributes[], explicit: readonly ExplicitSubstitute[], weights: SimilarityWeights) {
    this.products = new Map(products.map((p) => [p.sku, p]));
    const byCategory = new Map<string, ProductAttributes[]>();
    for (const p of products) byCategory.set(p.category, [...(byCategory.get(p.category) ?? []), p]);
    this.byCategory = byCategory;
    const pairs = new Map<Sku, Map<Sku, number>>();
    for (const e of explicit) pairs.set(e.sku, (pairs.get(e.sku) ?? new Map<Sku, number>()).set(e.substituteSku, e.similarity));
    this.explicit = pairs;
    this.weights = weights;
  }

  /**
   * Validates the input and builds a catalogue.
   * @throws {DispatchInputError} listing every broken rule: `products[i].sku` unique
   *   (`DUPLICATE_ID`), non-empty `category`, `brand` and `size.unit` strings, `size.value` a finite
   *   number > 0; `substitutes[i].similarity` in (0, 1], `substituteSku ≠ sku`, each pair once;
   *   `weights.*` finite ≥ 0 with a positive sum.
   */
  static build(input: SubstituteCatalogueInput = {}): SubstituteCatalogue {
    const issues = new IssueCollector();
    if (!issues.checkObject('input', input)) issues.throwIfAny();
    const products = checkProducts(issues, input.products ?? []);
    const explicit = checkExplicit(issues, input.substitutes ?? []);
    const weights = checkWeights(issues, input.weights ?? {});
    issues.throwIfAny();
    return new SubstituteCatalogue(products, explicit, weights);
  }

  /** Attributes of `sku`, if the catalogue has them. */
  product(sku: Sku): ProductAttributes | undefined {
    return this.products.get(sku);
  }

  /**
   * Similarity of `substituteSku` as a replacement for `sku`: the explicit value when the pair was
   * given, else the formula of the module doc (0 when either sku has no attributes).
   */
  similarity(sku: Sku, substituteSku: Sku): number {
    if (sku === substituteSku) return 1;
    const given = this.explicit.get(sku)?.get(substituteSku);
    if (given !== undefined) return given;
    const a = this.products.get(sku);
    const b = this.products.get(substituteSku);
    return a === undefined || b === undefined ? 0 : attributeSimilarity(a, b, this.weights);
  }

  /** Substitutes of `sku`, highest similarity first (ties by sku); never `sku` itself. */
  substitutesFor(sku: Sku, options: SubstituteQueryOptions = {}): readonly Substitute[] {
    const minSimilarity = options.minSimilarity ?? 0;
    const limit = options.limit ?? Infinity;
    const all = this.rankedFor(sku);
    const out: Substitute[] = [];
    for (const s of all) {
      if (out.length >= limit || s.similarity < minSimilarity) break;
      out.push(s);
    }
    return out;
  }

  private rankedFor(sku: Sku): readonly Substitute[] {
    const cached = this.ranked.get(sku);
    if (cached) return cached;
    const bySku = new Map<Sku, number>();
    const self = this.products.get(sku);
    for (const other of self ? (this.byCategory.get(self.category) ?? []) : []) {
      if (other.sku !== sku) bySku.set(other.sku, attributeSimilarity(self!, other, this.weights));
    }
    for (const [other, similarity] of this.explicit.get(sku) ?? []) bySku.set(other, similarity);
    const ranked = [...bySku]
      .filter(([, similarity]) => similarity > 0)
      .map(([other, similarity]) => Object.freeze({ sku: other, similarity }))
      .sort((x, y) => y.similarity - x.similarity || (x.sku < y.sku ? -1 : x.sku > y.sku ? 1 : 0));
    const frozen = Object.freeze(ranked);
    this.ranked.set(sku, frozen);
    return frozen;
  }
}

/** The attribute formula of the module doc (0 across categories). */
export function attributeSimilarity(a: ProductAttributes, b: ProductAttributes, weights: SimilarityWeights = DEFAULT_SIMILARITY_WEIGHTS): number {
  if (a.category !== b.category) return 0;
  const sameBrand = a.brand !== undefined && a.brand === b.brand ? 1 : 0;
  const sizeRatio =
    a.size !== undefined && b.size !== undefined && a.size.unit === b.size.unit
      ? Math.min(a.size.value, b.size.value) / Math.max(a.size.value, b.size.value)
      : 0;
  const total = weights.category + weights.brand + weights.size;
  return (weights.category + weights.brand * sameBrand + weights.size * sizeRatio) / total;
}

function checkProducts(issues: IssueCollector, value: unknown): ProductAttributes[] {
  if (!issues.checkArray('products', value)) return [];
  const seen = new Map<string, number>();
  const out: ProductAttributes[] = [];
  value.forEach((p, i) => {
    const f = `products[${i}]`;
    if (!issues.checkObject(f, p)) return;
    const numBefore = issues.numFound;
    const { sku, category, brand, size } = p;
    if (issues.checkNonEmptyString(`${f}.sku`, sku)) {
      const first = seen.get(sku);
      if (first !== undefined) issues.add('DUPLICATE_ID', `${f}.sku`, `must be unique among products (already used by products[${first}])`, sku);
      else seen.set(sku, i);
    }
    issues.checkNonEmptyString(`${f}.category`, category);
    if (brand !== undefined) issues.checkNonEmptyString(`${f}.brand`, brand);
    if (size !== undefined && issues.checkObject(`${f}.size`, size)) {
      if (!(typeof size.value === 'number' && Number.isFinite(size.value) && size.value > 0)) {
        issues.invalid(`${f}.size.value`, 'must be a finite number > 0', size.value);
      }
      issues.checkNonEmptyString(`${f}.size.unit`, size.unit);
    }
    if (issues.numFound > numBefore) return;
    const s = size as ProductSize | undefined;
    out.push(
      Object.freeze({
        sku: sku as string,
        category: category as string,
        ...(brand === undefined ? {} : { brand: brand as string }),
        ...(s === undefined ? {} : { size: Object.freeze({ value: s.value, unit: s.unit }) }),
      }),
    );
  });
  return out;
}

function checkExplicit(issues: IssueCollector, value: unknown): ExplicitSubstitute[] {
  if (!issues.checkArray('substitutes', value)) return [];
  const seen = new Map<string, number>();
  const out: ExplicitSubstitute[] = [];
  value.forEach((e, i) => {
    const f = `substitutes[${i}]`;
    if (!issues.checkObject(f, e)) return;
    const numBefore = issues.numFound;
    const { sku, substituteSku, similarity } = e;
    const okSku = issues.checkNonEmptyString(`${f}.sku`, sku);
    if (issues.checkNonEmptyString(`${f}.substituteSku`, substituteSku) && okSku) {
      const key = JSON.stringify([sku, substituteSku]);
      const first = seen.get(key);
      if (substituteSku === sku) issues.invalid(`${f}.substituteSku`, 'must differ from sku', substituteSku);
      else if (first !== undefined) issues.add('DUPLICATE_ID', `${f}.substituteSku`, `must be given once per sku (already in substitutes[${first}])`, substituteSku);
      else seen.set(key, i);
    }
    if (!(typeof similarity === 'number' && similarity > 0 && similarity <= 1)) {
      issues.invalid(`${f}.similarity`, 'must be a number in (0, 1]', similarity);
    }
    if (issues.numFound === numBefore) out.push(Object.freeze({ sku: sku as string, substituteSku: substituteSku as string, similarity: similarity as number }));
  });
  return out;
}

function checkWeights(issues: IssueCollector, value: unknown): SimilarityWeights {
  if (!issues.checkObject('weights', value)) return DEFAULT_SIMILARITY_WEIGHTS;
  const w = { ...DEFAULT_SIMILARITY_WEIGHTS, ...value } as Record<keyof SimilarityWeights, unknown>;
  let ok = true;
  for (const key of ['category', 'brand', 'size'] as const) {
    const v = w[key];
    if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0)) {
      issues.invalid(`weights.${key}`, 'must be a finite number ≥ 0', v);
      ok = false;
    }
  }
  if (!ok) return DEFAULT_SIMILARITY_WEIGHTS;
  const weights = w as unknown as SimilarityWeights;
  if (weights.category + weights.brand + weights.size <= 0) {
    issues.invalid('weights', 'must have a positive sum (category + brand + size)', weights.category + weights.brand + weights.size);
  }
  return Object.freeze({ category: weights.category, brand: weights.brand, size: weights.size });
}
