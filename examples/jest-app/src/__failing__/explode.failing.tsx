// Run on its own by packages/compiler-js/test/jest.test.mjs, which checks that the failure's
// stack frames name the original .tsx files and lines. Not part of the passing suite.
import { test } from '@jest/globals';
import { render } from '@testing-library/react';
import { Exploding } from '../components/Exploding';

interface Why {
  reason: string;
}

test('a component that throws', () => {
  const why: Why = { reason: 'on purpose' };
  render(<Exploding reason={why.reason} />); // RENDER-SITE
});
