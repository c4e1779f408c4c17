import { bound, observable, sealed } from './decorators';

export interface Line {
  sku: string;
  price: number;
  quantity: number;
}

@sealed
export class CartStore {
  @observable lines: Line[] = [];
  @observable coupon: string | null = null;

  get total(): number {
    const sum = this.lines.reduce((s, l) => s + l.price * l.quantity, 0);
    return this.coupon === 'HALF' ? sum / 2 : sum;
  }

  @bound
  add(sku: string, price: number): void {
    const existing = this.lines.find((l) => l.sku === sku);
    this.lines = existing
      ? this.lines.map((l) => (l === existing ? { ...l, quantity: l.quantity + 1 } : l))
      : [...this.lines, { sku, price, quantity: 1 }];
  }

  @bound
  applyCoupon(code: string): void {
    this.coupon = code;
  }
}
