import { describe, expect, test } from '@jest/globals';
import { fireEvent, render, screen } from '@testing-library/react';
import { Counter } from './Counter';

describe('Counter', () => {
  test('starts at the initial value', () => {
    render(<Counter initial={5} label="More" />);
    expect(screen.getByTestId('count').textContent).toBe('5');
  });

  test('adds the step on each click', () => {
    render(<Counter step={2} label="More" />);
    fireEvent.click(screen.getByRole('button', { name: 'More' }));
    fireEvent.click(screen.getByRole('button', { name: 'More' }));
    expect(screen.getByTestId('count').textContent).toBe('4');
  });

  test('data-testid survives: reactRemoveProperties (on in compiler.config.json) is off under Jest', () => {
    const { container } = render(<Counter label="More" />);
    expect(container.querySelector('[data-testid="count"]')).not.toBeNull();
  });
});
