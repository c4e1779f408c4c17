import { expect, test } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import { Badge } from './Badge';

// Only the neutral tone is tested: the coverage test checks that the danger branch is
// reported uncovered at its own line in Badge.tsx.
test('a neutral badge', () => {
  render(<Badge tone="neutral">beta</Badge>);
  expect(screen.getByText('beta').className).toBe('badge');
});
