import { useState } from 'react';

export interface CounterProps {
  start: number;
}

// styled-jsx: the rules apply to this component's own elements only.
export function Counter({ start }: CounterProps) {
  const [count, setCount] = useState<number>(start);
  return (
    <div className="counter">
      <button type="button" onClick={() => setCount((c) => c + 1)}>
        Clicked {count} times
      </button>
      <style jsx>{`
        .counter {
          display: flex;
          gap: 8px;
        }
        button {
          background-color: rgb(12, 34, 56);
          color: rgb(255, 255, 255);
        }
      `}</style>
    </div>
  );
}
