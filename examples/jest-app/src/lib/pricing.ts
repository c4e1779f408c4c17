// Where coverage tools disagree (packages/compiler-js/test/jest-coverage.test.mjs runs this
// app's coverage through compiler-js/jest and through babel-jest and compares them):
// `istanbul ignore` hints before exports, an `if` without `else` taken one way only, `??`,
// logical assignment, default parameters and a `switch`.
import { bound, sealed } from './decorators';

export interface Quote {
  subtotal: number;
  currency?: string;
  discount?: number | null;
}

/* istanbul ignore next */
export function debugQuote(quote: Quote): string {
  return JSON.stringify(quote, null, 2);
}

/* istanbul ignore next: the tests run in jsdom, never on a server */
export const onServer = () => typeof window === 'undefined';

export function currencyOf(quote: Quote, fallback = 'EUR'): string {
  return quote.currency ?? fallback;
}

export function applyDiscount(quote: Quote): number {
  let total = quote.subtotal;
  if (quote.discount) {
    total -= quote.discount;
  }
  return total;
}

export function shipping(total: number, zone: 'eu' | 'us' | 'other' = 'eu'): number {
  switch (zone) {
    case 'eu':
      return total > 50 ? 0 : 5;
    case 'us':
      return 10;
    default:
      return 20;
  }
}

export function remember(cache: Record<string, number>, key: string, compute: () => number): number {
  cache[key] ??= compute();
  return cache[key];
}

export function describeQuote(quote: Quote): string {
  /* istanbul ignore else */
  if (quote.subtotal >= 0) {
    return `${applyDiscount(quote)} ${currencyOf(quote)}`;
  } else {
    throw new RangeError('a negative subtotal');
  }
}

/** A decorated class: a class decorator and a method decorator, which legacy decorators in TypeScript and in Babel apply alike. */
@sealed
export class PriceList {
  constructor(private readonly prices: Record<string, number> = {}) {}

  @bound
  priceOf(sku: string): number {
    return this.prices[sku] ?? 0;
  }
}
