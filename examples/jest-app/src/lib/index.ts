// Re-exports: no statements of their own to cover.
export { applyDiscount, currencyOf, describeQuote, PriceList, remember, shipping } from './pricing';
export type { Quote } from './pricing';
export * from './store';
