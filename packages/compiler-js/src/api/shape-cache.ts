// Native sessions keyed by the JSON of their options: calls with options of the same shape
// share one session, so a loop over files parses options once, not per call.
const MAX_SHAPES = 32;

export class ShapeCache<T> {
  private readonly byShape = new Map<string, T>();

  constructor(private readonly create: (options: object) => T) {}

  get(options: object): T {
    const shape = JSON.stringify(options);
    let value = this.byShape.get(shape);
    if (value === undefined) {
      value = this.create(options);
      if (this.byShape.size >= MAX_SHAPES) this.byShape.delete(this.byShape.keys().next().value as string);
      this.byShape.set(shape, value);
    }
    return value;
  }
}
