import { describe, expect, test } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import { Card } from './Card';

describe('styled-jsx', () => {
  test('scopes the rules to the component with a jsx-* class', () => {
    render(<Card title="Scoped" />);
    const card = screen.getByRole('article');
    const scope = [...card.classList].find((c) => c.startsWith('jsx-'));
    expect(scope).toBeDefined();
    expect(card.classList.contains('card')).toBe(true);
    expect(getComputedStyle(card).borderTopColor).toBe('rgb(10, 20, 30)');
    const css = [...document.head.querySelectorAll('style')].map((s) => s.textContent).join('\n');
    expect(css).toContain(`.card.${scope}`);
    // Scoped: an element outside the component with the same class is not styled.
    const outsider = document.body.appendChild(document.createElement('article'));
    outsider.className = 'card';
    expect(getComputedStyle(outsider).borderTopColor).not.toBe('rgb(10, 20, 30)');
  });

  test('dynamic styles follow props', () => {
    render(<Card title="Hot" highlighted />);
    expect(getComputedStyle(screen.getByRole('heading', { name: 'Hot' })).color).toBe('rgb(200, 0, 0)');
  });
});
