import { beforeEach, describe, expect, jest, test } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import { Greeting } from './Greeting';
import { fetchGreeting } from '../api/greetings';
import { track } from '../lib/analytics';

// Written below the imports on purpose: the transformer hoists both calls above the
// requires (`jest` comes from @jest/globals), so Greeting gets the mocks.
jest.mock('../api/greetings', () => ({ fetchGreeting: jest.fn() }));
jest.mock('../lib/analytics'); // automock: every export becomes a jest.fn()

const fetchMock = jest.mocked(fetchGreeting);
const trackMock = jest.mocked(track);

beforeEach(() => {
  fetchMock.mockReset();
  trackMock.mockReset();
});

describe('Greeting with mocked modules', () => {
  test('renders the mocked greeting', async () => {
    fetchMock.mockResolvedValue({ text: 'Bonjour, Ada', language: 'fr' });
    render(<Greeting name="Ada" />);
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    const heading = await screen.findByRole('heading', { name: 'Bonjour, Ada' });
    expect(heading.getAttribute('lang')).toBe('fr');
    expect(fetchMock).toHaveBeenCalledWith('Ada');
  });

  test('reports through the automocked analytics module', async () => {
    fetchMock.mockResolvedValue({ text: 'Hola', language: 'es' });
    render(<Greeting name="Grace" />);
    await screen.findByRole('heading', { name: 'Hola' });
    expect(trackMock).toHaveBeenCalledTimes(1);
    expect(trackMock).toHaveBeenCalledWith('greeting-shown', { language: 'es' });
  });

  test('shows the failure when the mock rejects', async () => {
    fetchMock.mockRejectedValue(new Error('offline'));
    render(<Greeting name="Linus" />);
    expect((await screen.findByRole('alert')).textContent).toBe('Could not greet Linus: offline');
    expect(trackMock).not.toHaveBeenCalled();
  });
});
