import { expect, test } from '@jest/globals';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { CartStore } from '../lib/store';
import { Cart } from './Cart';

test('a component re-renders from a decorated store', () => {
  const store = new CartStore();
  render(<Cart store={store} />);
  fireEvent.click(screen.getByRole('button', { name: 'Add tea' }));
  fireEvent.click(screen.getByRole('button', { name: 'Add tea' }));
  expect(screen.getByRole('listitem').textContent).toBe('tea × 2');
  act(() => store.applyCoupon('HALF'));
  expect(screen.getByLabelText('total').textContent).toBe('4.00');
});
