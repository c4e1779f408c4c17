import { describe, expect, test } from '@jest/globals';
import { observedKeys, subscribe } from './decorators';
import { CartStore } from './store';

describe('legacy decorators (experimentalDecorators in tsconfig.json)', () => {
  test('property decorators ran once per field, with the prototype and the key', () => {
    expect(observedKeys.get(CartStore)).toEqual(['lines', 'coupon']);
    expect(Object.getOwnPropertyDescriptor(CartStore.prototype, 'lines')?.set).toBeInstanceOf(Function);
  });

  test('@observable fields notify subscribers', () => {
    const store = new CartStore();
    const seen: string[] = [];
    subscribe(store, (key) => seen.push(key));
    store.add('tea', 4);
    store.add('tea', 4);
    store.applyCoupon('HALF');
    expect(seen).toEqual(['lines', 'lines', 'coupon']);
    expect(store.lines).toEqual([{ sku: 'tea', price: 4, quantity: 2 }]);
    expect(store.total).toBe(4);
  });

  test('@bound methods keep their instance when detached', () => {
    const store = new CartStore();
    const { add } = store;
    add('cake', 3);
    expect(store.total).toBe(3);
  });

  test('@sealed sealed the class', () => {
    expect(Object.isSealed(CartStore)).toBe(true);
    expect(Object.isSealed(CartStore.prototype)).toBe(true);
  });
});
