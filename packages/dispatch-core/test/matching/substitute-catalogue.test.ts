import assert from 'node:assert/strict';
import { DispatchInputError, SubstituteCatalogue, attributeSimilarity, type ProductAttributes } from '@o2o/dispatch-core';
import { assertInputError } from '../helpers/assert-input-error.js';

const PRODUCTS: ProductAttributes[] = [
  { sku: 'milk', category: 'dairy', brand: 'Alpina', size: { value: 1000, unit: 'ml' } },
  { sku: 'milk-colanta', category: 'dairy', brand: 'Colanta', size: { value: 1000, unit: 'ml' } },
  { sku: 'milk-small', category: 'dairy', brand: 'Alpina', size: { value: 500, unit: 'ml' } },
  { sku: 'yogurt', category: 'dairy', brand: 'Alpina', size: { value: 200, unit: 'g' } },
  { sku: 'kefir', category: 'dairy' },
  { sku: 'bread', category: 'bakery', brand: 'Alpina' },
];

describe('SubstituteCatalogue', () => {
  const catalogue = SubstituteCatalogue.build({ products: PRODUCTS });

  it('computes similarity as (0.5·category + 0.2·brand + 0.3·size ratio), 0 across categories', () => {
    assert.equal(catalogue.similarity('milk', 'milk-colanta'), 0.8); // category + size
    assert.equal(catalogue.similarity('milk', 'milk-small'), 0.85); // category + brand + 0.3·(500/1000)
    assert.equal(catalogue.similarity('milk', 'yogurt'), 0.7); // ml vs g: no size term
    assert.equal(catalogue.similarity('milk', 'kefir'), 0.5); // category only
    assert.equal(catalogue.similarity('milk', 'bread'), 0); // other category
    assert.equal(catalogue.similarity('milk', 'unknown'), 0);
    assert.equal(catalogue.similarity('milk', 'milk'), 1);
  });

  it('ranks substitutes by similarity, highest first, never the sku itself nor another category', () => {
    assert.deepEqual(catalogue.substitutesFor('milk'), [
      { sku: 'milk-small', similarity: 0.85 },
      { sku: 'milk-colanta', similarity: 0.8 },
      { sku: 'yogurt', similarity: 0.7 },
      { sku: 'kefir', similarity: 0.5 },
    ]);
    assert.deepEqual(catalogue.substitutesFor('milk', { minSimilarity: 0.75 }).map((s) => s.sku), ['milk-small', 'milk-colanta']);
    assert.deepEqual(catalogue.substitutesFor('milk', { limit: 1 }).map((s) => s.sku), ['milk-small']);
    assert.deepEqual(catalogue.substitutesFor('caviar'), []);
  });

  it('breaks similarity ties by sku', () => {
    const c = SubstituteCatalogue.build({ products: [{ sku: 'x', category: 'k' }, { sku: 'c', category: 'k' }, { sku: 'b', category: 'k' }] });
    assert.deepEqual(c.substitutesFor('x').map((s) => s.sku), ['b', 'c']);
  });

  it('lets explicit pairs override the formula, in one direction, and add skus without attributes', () => {
    const c = SubstituteCatalogue.build({
      products: PRODUCTS,
      substitutes: [
        { sku: 'milk', substituteSku: 'kefir', similarity: 0.95 },
        { sku: 'milk', substituteSku: 'soy-drink', similarity: 0.65 },
      ],
    });
    assert.deepEqual(c.substitutesFor('milk', { minSimilarity: 0.6 }).map((s) => [s.sku, s.similarity]), [
      ['kefir', 0.95],
      ['milk-small', 0.85],
      ['milk-colanta', 0.8],
      ['yogurt', 0.7],
      ['soy-drink', 0.65],
    ]);
    assert.equal(c.similarity('kefir', 'milk'), 0.5);
    assert.equal(c.product('milk')?.brand, 'Alpina');
  });

  it('accepts custom weights (normalised by their sum)', () => {
    const c = SubstituteCatalogue.build({ products: PRODUCTS, weights: { category: 1, brand: 1, size: 0 } });
    assert.equal(c.similarity('milk', 'milk-colanta'), 0.5);
    assert.equal(c.similarity('milk', 'yogurt'), 1);
    assert.equal(attributeSimilarity(PRODUCTS[0]!, PRODUCTS[1]!), 0.8);
  });

  it('validates its input, naming field, rule and value', () => {
    assertInputError(() => SubstituteCatalogue.build({ products: [{ sku: 'a', category: '' }] }), { code: 'INVALID_INPUT', field: 'products[0].category', got: '""' });
    assertInputError(() => SubstituteCatalogue.build({ products: [{ sku: 'a', category: 'k', size: { value: 0, unit: 'g' } }] }), {
      code: 'INVALID_INPUT',
      field: 'products[0].size.value',
      got: '0',
    });
    assertInputError(() => SubstituteCatalogue.build({ products: [{ sku: 'a', category: 'k' }, { sku: 'a', category: 'k' }] }), {
      code: 'DUPLICATE_ID',
      field: 'products[1].sku',
      got: '"a"',
    });
    assertInputError(() => SubstituteCatalogue.build({ substitutes: [{ sku: 'a', substituteSku: 'b', similarity: 1.5 }] }), {
      code: 'INVALID_INPUT',
      field: 'substitutes[0].similarity',
      got: '1.5',
    });
    assertInputError(() => SubstituteCatalogue.build({ substitutes: [{ sku: 'a', substituteSku: 'a', similarity: 0.5 }] }), {
      code: 'INVALID_INPUT',
      field: 'substitutes[0].substituteSku',
      got: '"a"',
    });
    assertInputError(() => SubstituteCatalogue.build({ weights: { brand: -1 } }), { code: 'INVALID_INPUT', field: 'weights.brand', got: '-1' });
    assertInputError(() => SubstituteCatalogue.build({ weights: { category: 0, brand: 0, size: 0 } }), { code: 'INVALID_INPUT', field: 'weights', got: '0' });
  });

  it('reports every broken rule at once', () => {
    try {
      SubstituteCatalogue.build({ products: [{ sku: '', category: 'k' }], substitutes: [{ sku: 'a', substituteSku: '', similarity: 0 }] } as never);
      assert.fail('expected an error');
    } catch (error) {
      assert.ok(error instanceof DispatchInputError);
      assert.deepEqual(error.issues.map((i) => i.field), ['products[0].sku', 'substitutes[0].substituteSku', 'substitutes[0].similarity']);
    }
  });
});
