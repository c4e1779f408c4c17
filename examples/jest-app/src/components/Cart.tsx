import { useEffect, useState } from 'react';
import { subscribe } from '../lib/decorators';
import type { CartStore } from '../lib/store';

export function Cart({ store }: { store: CartStore }) {
  const [, rerender] = useState(0);
  useEffect(() => subscribe(store, () => rerender((n) => n + 1)), [store]);
  const { add } = store; // @bound: works detached from the instance
  return (
    <section>
      <button type="button" onClick={() => add('tea', 4)}>
        Add tea
      </button>
      <output aria-label="total">{store.total.toFixed(2)}</output>
      <ul>
        {store.lines.map((l) => (
          <li key={l.sku}>
            {l.sku} × {l.quantity}
          </li>
        ))}
      </ul>
    </section>
  );
}
