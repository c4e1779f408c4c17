// Legacy (experimentalDecorators) decorators: compiler-js takes `decorators.legacy` from
// tsconfig.json. Property decorators get (prototype, key) and no initializer, which only
// the legacy proposal has.
type Listener = (key: string, value: unknown) => void;

const listeners = new WeakMap<object, Listener[]>();
export const observedKeys = new Map<Function, string[]>();

export function subscribe(target: object, listener: Listener): () => void {
  const list = listeners.get(target) ?? [];
  list.push(listener);
  listeners.set(target, list);
  return () => list.splice(list.indexOf(listener), 1);
}

/** Turns a field into an accessor that notifies subscribers on change. */
export function observable(prototype: object, key: string): void {
  const keys = observedKeys.get(prototype.constructor) ?? [];
  observedKeys.set(prototype.constructor, [...keys, key]);
  const slot = Symbol(key);
  Object.defineProperty(prototype, key, {
    configurable: true,
    get(this: Record<symbol, unknown>) {
      return this[slot];
    },
    set(this: Record<symbol, unknown>, value: unknown) {
      const old = this[slot];
      this[slot] = value;
      if (old !== value) for (const l of listeners.get(this) ?? []) l(key, value);
    },
  });
}

/** Wraps a method so that it is bound to its instance. */
export function bound(_prototype: object, key: string, descriptor: PropertyDescriptor): PropertyDescriptor {
  const method = descriptor.value as (...args: unknown[]) => unknown;
  return {
    configurable: true,
    get() {
      const fn = method.bind(this);
      Object.defineProperty(this, key, { value: fn, configurable: true, writable: true });
      return fn;
    },
  };
}

/** Seals the class and its prototype. */
export function sealed<T extends Function>(constructor: T): void {
  Object.seal(constructor);
  Object.seal(constructor.prototype);
}
