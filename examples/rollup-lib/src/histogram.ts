export interface Bucket {
  readonly from: number;
  readonly to: number;
  count: number;
}

export class Histogram {
  readonly buckets: Bucket[];

  constructor(private readonly minimum: number, private readonly maximum: number, bucketCount: number) {
    const width = (maximum - minimum) / bucketCount;
    this.buckets = Array.from({ length: bucketCount }, (_, index) => ({
      from: minimum + index * width,
      to: minimum + (index + 1) * width,
      count: 0,
    }));
  }

  add(...values: number[]): this {
    for (const value of values) {
      if (value < this.minimum || value > this.maximum) continue;
      const index = Math.min(this.buckets.length - 1, Math.floor(((value - this.minimum) / (this.maximum - this.minimum)) * this.buckets.length));
      this.buckets[index].count += 1;
    }
    return this;
  }

  get total(): number {
    return this.buckets.reduce((sum, bucket) => sum + bucket.count, 0);
  }
}
