import type { ReactNode } from 'react';

export function Button({ children, onPress }: { children: ReactNode; onPress?: () => void }) {
  return (
    <button type="button" className="ui-button" onClick={onPress}>
      {children}
    </button>
  );
}
