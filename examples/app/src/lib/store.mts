export class Store<T> {
  private items = new Map<string, T>();
  constructor(private readonly name: string) {}
  get size(): number {
    return this.items.size;
  }
  set(key: string, value: T): this {
    this.items.set(key, value);
    return this;
  }
}
