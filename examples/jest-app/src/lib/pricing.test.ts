import { expect, jest, test } from '@jest/globals';
import { applyDiscount, currencyOf, describeQuote, PriceList, remember, shipping } from './index';

// Each path is taken on purpose, or on purpose not: the coverage test compares what the
// two instrumenters count, so the uncovered ones matter as much as the covered ones.
test('a quote without a currency takes the default one', () => {
  expect(currencyOf({ subtotal: 10 })).toBe('EUR');
  expect(currencyOf({ subtotal: 10 }, 'USD')).toBe('USD');
});

test('no discount: the if is never taken, only its implicit else', () => {
  expect(applyDiscount({ subtotal: 40 })).toBe(40);
  expect(applyDiscount({ subtotal: 40, discount: null })).toBe(40);
});

test('shipping in the EU, over the free threshold only', () => {
  expect(shipping(60)).toBe(0);
});

test('remember computes once', () => {
  const cache: Record<string, number> = {};
  const compute = jest.fn(() => 7);
  expect(remember(cache, 'a', compute)).toBe(7);
  expect(remember(cache, 'a', compute)).toBe(7);
  expect(compute).toHaveBeenCalledTimes(1);
});

test('a quote described', () => {
  expect(describeQuote({ subtotal: 12, currency: 'GBP' })).toBe('12 GBP');
});

test('a decorated price list: bound methods, unknown SKUs cost nothing', () => {
  const { priceOf } = new PriceList({ tea: 4 });
  expect(priceOf('tea')).toBe(4);
  expect(Object.isSealed(PriceList)).toBe(true);
});
