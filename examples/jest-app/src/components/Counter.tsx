import { useState } from 'react';

export interface CounterProps {
  initial?: number;
  step?: number;
  label: string;
}

export function Counter({ initial = 0, step = 1, label }: CounterProps) {
  const [count, setCount] = useState<number>(initial);
  return (
    <div className="counter">
      <span data-testid="count">{count}</span>
      <button type="button" onClick={() => setCount((c) => c + step)}>
        {label}
      </button>
    </div>
  );
}
